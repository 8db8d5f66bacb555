import { App, startApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/log';
import { createTestDatabase, TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export interface TestServer {
  app: App;
  db: TestDatabase;
  /** Base URL, e.g. http://127.0.0.1:40123 */
  base: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The real server (HTTP, Apollo, PostgreSQL) on a database of its own, on a free port.
 * `env` overrides configuration, e.g. `{ NODE_ENV: 'production' }`.
 */
export async function startTestServer(options: { env?: Record<string, string>; seed?: boolean; log?: Logger } = {}): Promise<TestServer> {
  const db = await createTestDatabase({ seed: options.seed });
  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED: 'false',
    // Tests send many requests from one address; test/rate-limit.test.ts sets its own limits.
    RATE_LIMIT_ANONYMOUS_POINTS: '1000000',
    RATE_LIMIT_TOKEN_POINTS: '1000000',
    ...options.env,
  });
  const app = await startApp(config, options.log ?? createLogger('silent'));
  const base = app.url.replace(/\/graphql$/, '');
  return {
    app,
    db,
    base,
    gql: (query, variables, headers) => postGraphQL(app.url, { query, variables }, headers),
    async stop() {
      await app.stop();
      await db.drop();
    },
  };
}

/**
 * Posts a GraphQL request body (query, variables, extensions) as JSON to `url`, which may be
 * any server's, not only a TestServer's, and reads the JSON answer with its HTTP status.
 */
export async function postGraphQL<T = any>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

/** The data of a response, failing the test with the errors when there are any. */
export function ok<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors, null, 2)}`);
  return response.data as T;
}
