import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row whose number goes up with every write (in the write's own transaction). Results
 * computed from the whole directory (the network metrics) are cached per number: the cache
 * is right until the next write, on every replica, with no time-based guessing.
 */
@Entity({ tableName: 'data_version' })
export class DataVersion {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'bigint', default: 0 })
  version!: string;
}

/** Statement that moves the data version on; run inside each write transaction. */
export const BUMP_DATA_VERSION = 'update data_version set version = version + 1 where id = 1';
