import path from 'node:path';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities';
import { migrationsList } from '../../migrations';

/** The repository's root, from src/db (ts) or dist/src/db (compiled). */
const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../..' : '../..');

/** The ORM's configuration for a given connection URL: the one place it is set. */
export function ormConfig(clientUrl: string, options: { debug?: boolean; poolMax?: number; replicaUrls?: string[] } = {}) {
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl,
    // Read replicas: MikroORM sends reads there; the SQL runner asks for the 'read' connection.
    replicas: (options.replicaUrls ?? []).map((url) => ({ clientUrl: url })),
    preferReadReplicas: true,
    entities,
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    debug: options.debug ?? false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Timestamps stay timestamps with time zone, compared in UTC.
    forceUtcTimezone: true,
    migrations: {
      migrationsList,
      // Only used by `npm run migration:create`, which writes TypeScript into the repository.
      path: path.join(ROOT, 'migrations'),
      pathTs: path.join(ROOT, 'migrations'),
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
      emit: 'ts',
    },
  });
}
