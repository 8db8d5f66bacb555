import type { EntityClass } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Logger } from '../log';
import { migrate } from './database';
import { ormConfig } from './mikro-orm.config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded';
import { isEmpty, seed } from './seed';

export interface Database {
  orm: MikroORM;
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/**
 * The database as configured: DATABASE_URL, or the embedded PostgreSQL under DATA_DIR;
 * migrated to the current model and, with SEED on, loaded with the Wetzlar data when empty.
 * `entities`: the feature modules' (src/modules/index.ts). `reuseRunning`: a command-line
 * tool may use the embedded database of a running server.
 */
export async function openDatabase(config: Config, log: Logger, options: { entities: EntityClass<any>[]; reuseRunning?: boolean }): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined;
  let orm: MikroORM | undefined;
  try {
    let url = config.databaseUrl;
    if (!url) {
      embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPort, (m) => log('info', m), { reuseRunning: options.reuseRunning });
      url = embedded.url;
    }
    // The driver's own messages (a connection the database closed, …) go to our log as well.
    orm = await MikroORM.init(ormConfig(url, { entities: options.entities, replicaUrls: config.replicaUrls, log }));
    const applied = await migrate(orm);
    if (applied.length) log('info', 'migrations applied', { migrations: applied });
    if (config.seed && (await isEmpty(orm))) {
      const { inserted } = await seed(orm);
      log('info', 'loaded the Wetzlar data set', { rows: inserted });
    }
    const opened = orm;
    return {
      orm: opened,
      close: async () => {
        await opened.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await orm?.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
