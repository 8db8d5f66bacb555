import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125082336_core_graph } from './Migration20261125082336_core_graph';

/**
 * The migrations in the order they run. `npm run migration:create` writes a new file;
 * add it here. The drift test fails when entities and these migrations disagree.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125082336_core_graph', class: Migration20261125082336_core_graph },
];
