import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row whose number goes up with every write (in the write's own transaction). What is
 * cached (anonymous answers, list counts, the network metrics) is cached per number: the
 * cache is right until the next write, on every replica, with no time-based guessing. The
 * database's own table, not a feature's: the write path bumps it, every cache reads it.
 */
@Entity({ tableName: 'data_version' })
export class DataVersion {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id: number = 1;

  @Property({ type: 'bigint', default: 0 })
  version!: string;

  /**
   * New at every write. Caches key on it rather than on the counter: a database that is
   * reset or restored counts from the start again, and a shared Redis must not then hand
   * out what it cached for another life of the same number.
   */
  @Property({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  stamp!: string;
}

/** Statement that moves the data version on; run inside each write transaction. */
export const BUMP_DATA_VERSION = 'update data_version set version = version + 1, stamp = gen_random_uuid() where id = 1';

/** Reads the current data version as one cache-key string: "<counter>:<stamp>". */
export const READ_DATA_VERSION = `select version::text || ':' || stamp::text as version from data_version where id = 1`;
