import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Context } from '../graph/context';

/*
 * Prometheus metrics (prom-client) for GET /metrics: HTTP requests by route and status,
 * GraphQL operations by name and outcome, the database pool, and Node's own figures. One
 * registry per server, so that several servers in one process (tests) do not mix.
 */

/** What the HTTP layer and the GraphQL layer learn about one request, for its log line. */
export interface RequestInfo {
  id: string;
  operationName?: string;
  outcome?: string;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATIONS = 200;

export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly http: Histogram<'route' | 'method' | 'status'>;
  private readonly graphql: Histogram<'operation' | 'outcome'>;
  private readonly graphqlTotal: Counter<'operation' | 'outcome'>;

  constructor(orm: MikroORM) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ig_' });
    this.http = new Histogram({
      name: 'ig_http_request_duration_seconds',
      help: 'HTTP requests by route, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.graphql = new Histogram({
      name: 'ig_graphql_operation_duration_seconds',
      help: 'GraphQL operations by name and outcome (ok or the first error code)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.graphqlTotal = new Counter({
      name: 'ig_graphql_operations_total',
      help: 'GraphQL operations by name and outcome',
      labelNames: ['operation', 'outcome'],
      registers: [this.registry],
    });
    // The pool of the ORM's knex (tarn): read when Prometheus scrapes.
    const pool = () => (orm.em.getKnex().client as { pool?: { numUsed(): number; numFree(): number; numPendingAcquires(): number } }).pool;
    new Gauge({ name: 'ig_db_pool_connections_used', help: 'Database connections in use', registers: [this.registry], collect() { this.set(pool()?.numUsed() ?? 0); } });
    new Gauge({ name: 'ig_db_pool_connections_free', help: 'Idle database connections', registers: [this.registry], collect() { this.set(pool()?.numFree() ?? 0); } });
    new Gauge({ name: 'ig_db_pool_pending_acquires', help: 'Requests waiting for a database connection', registers: [this.registry], collect() { this.set(pool()?.numPendingAcquires() ?? 0); } });
  }

  /** Operation names are the clients' to choose: only well-formed ones, and a bounded number, become labels. */
  operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }

  observeHttp(route: string, method: string, status: number, seconds: number) {
    this.http.observe({ route, method, status: String(status) }, seconds);
  }

  /** Times each operation and records its outcome; also tells the HTTP log line the operation. */
  plugin(): ApolloServerPlugin<Context> {
    const metrics = this;
    return {
      async requestDidStart({ contextValue }) {
        const started = process.hrtime.bigint();
        return {
          async didResolveOperation({ operationName }) {
            contextValue.request.operationName = operationName ?? undefined;
          },
          async willSendResponse({ response }) {
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            const outcome = errors?.length ? String(errors[0].extensions?.code ?? 'ERROR') : 'ok';
            contextValue.request.outcome = outcome;
            const labels = { operation: metrics.operationLabel(contextValue.request.operationName), outcome };
            metrics.graphql.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
            metrics.graphqlTotal.inc(labels);
          },
        };
      },
    };
  }
}

/** The route label of a path: a small fixed set, whatever clients ask for (each label value is kept for good). */
export function routeOf(path: string, isExport: (name: string) => boolean = () => false): string {
  if (path === '/graphql' || path === '/graphql/') return '/graphql';
  if (path.startsWith('/graphql/explorer/')) return '/graphql/explorer';
  if (path.startsWith('/export/')) return isExport(path.slice('/export/'.length)) ? path : '/export/unknown';
  if (['/health/live', '/health/ready', '/metrics', '/', '/auth/session'].includes(path)) return path;
  if (path.startsWith('/assets/')) return '/assets';
  return 'other';
}
