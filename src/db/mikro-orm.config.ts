import path from 'node:path';
import { DefaultLogger, type EntityClass, type EventSubscriber, type LogContext, type LoggerNamespace, type LoggerOptions, type TransactionEventArgs } from '@mikro-orm/core';
import { defineConfig, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { oneLine, type Logger } from '../log';
import { DataVersion } from './data-version';
import { migrationsList } from '../../migrations';

/** The repository's root, from src/db (ts) or dist/src/db (compiled). */
const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../..' : '../..');

/** MikroORM's messages (deprecations; queries only with `debug`) as our JSON log lines. */
class OrmLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly write: Logger,
  ) {
    super(options);
  }

  override log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace, context)) return;
    const level = context?.level === 'error' ? 'error' : context?.level === 'warning' || namespace === 'deprecated' ? 'warn' : 'debug';
    this.write(level, 'orm', { namespace, detail: oneLine(message) });
  }
}

/**
 * knex's messages as our JSON log lines; by default it prints them with console.log. The
 * one that matters: "Connection Error: …" when the pool finds a connection that the database
 * closed (a restart, a failover) and replaces it. No statement or value is in them.
 */
function knexLog(log: Logger) {
  const to = (level: 'warn' | 'error' | 'debug') => (message: unknown) => {
    const detail = oneLine(message);
    const lost = /^Connection Error: (.*)$/.exec(detail);
    if (lost) log('warn', 'database connection lost; the pool replaces it', { reason: lost[1] });
    else log(level, 'database driver', { source: 'knex', detail });
  };
  return { warn: to('warn'), error: to('error'), deprecate: to('warn'), debug: to('debug') };
}

/**
 * A transaction whose BEGIN failed fails right there, with BEGIN's own error. knex hands
 * MikroORM such a transaction as if it had begun (it swallows BEGIN's error into the
 * transaction's outcome); its first statement then fails with "Transaction query already
 * complete", which hides why: the connection died between the pool's check and BEGIN, as
 * when PostgreSQL restarts. Nothing of the transaction ran.
 */
class FailedBeginCheck implements EventSubscriber {
  async afterTransactionStart({ transaction }: TransactionEventArgs): Promise<void> {
    const trx = transaction as { isCompleted?(): boolean; executionPromise?: Promise<unknown> } | undefined;
    // A transaction that has just begun is complete only when its BEGIN failed.
    if (!trx?.isCompleted?.()) return;
    const cause = await trx.executionPromise?.then(
      () => undefined,
      (error: unknown) => error,
    );
    throw cause ?? new Error('The transaction was over before it began');
  }
}

export interface OrmOptions {
  /** The feature modules' entities (src/modules/index.ts); the data version's is added here. */
  entities: EntityClass<any>[];
  debug?: boolean;
  poolMax?: number;
  replicaUrls?: string[];
  /** Where MikroORM's and knex's own messages go (without it, the console). */
  log?: Logger;
}

/** The ORM's configuration for a given connection URL: the one place it is set. */
export function ormConfig(clientUrl: string, options: OrmOptions) {
  const { log } = options;
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl,
    // Read replicas: MikroORM sends reads there; the SQL runner asks for the 'read' connection.
    replicas: (options.replicaUrls ?? []).map((url) => ({ clientUrl: url })),
    preferReadReplicas: true,
    entities: [...options.entities, DataVersion],
    extensions: [Migrator],
    discovery: { disableDynamicFileAccess: true },
    debug: options.debug ?? false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    subscribers: [new FailedBeginCheck()],
    ...(log
      ? {
          loggerFactory: (loggerOptions: LoggerOptions) => new OrmLogger(loggerOptions, log),
          // Passed to knex (for the primary and each replica).
          driverOptions: { log: knexLog(log) },
        }
      : {}),
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
