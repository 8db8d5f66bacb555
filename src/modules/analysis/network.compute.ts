import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlRunner } from '../../db/database';
import { READ_DATA_VERSION } from '../../db/data-version';
import { MembershipTarget } from '../link/link.enums';
import { readNetwork, type NetworkRow } from './analysis.sql';
import { type Day, today } from '../../graph/day';
import type { MeasuredNetwork, MembershipInput } from './network.measure';
import {
  breathe, canonicalFilter, CONTEXT_TYPES, deriveView, type FullNetwork, KINDS, LEVELS, type NetworkFilter, NetworkView, UNKNOWN,
} from './network.view';

export type { NetworkContextRef, NetworkEdgeData, NetworkFilter, NetworkNodeMetrics } from './network.view';
export { checkFilterCode, NetworkView } from './network.view';

/*
 * The partner network: read from PostgreSQL on the main thread, measured in a worker thread
 * (network.measure.ts), filtered views derived from it (network.view.ts). The main thread
 * only reads, encodes and looks up, in slices that let other requests run in between.
 */



const FORUM = CONTEXT_TYPES.indexOf(MembershipTarget.FORUM);

type OrganisationLine = [id: string, kind: string, level: string, fields: string[], contexts: string[]];

/** The rows as numbers: the directory side of a FullNetwork, and the memberships for the worker. */
async function encode({ version, forums: forumCodes, organisations }: NetworkRow): Promise<{ directory: Omit<FullNetwork, 'measures'>; input: MembershipInput }> {
  const lines = organisations ? organisations.split('\n') : [];
  const n = lines.length;
  const uuids: string[] = new Array(n);
  const kinds = new Uint8Array(n);
  const levels = new Uint8Array(n);
  const forumCount = new Uint16Array(n);
  const fieldStart = new Uint32Array(n + 1);
  const contextStart = new Uint32Array(n + 1);
  const fields: number[] = [];
  const contexts: number[] = [];
  const fieldCodes = new Map<string, number>();
  const contextOf = new Map<string, number>();
  const contextTypes: number[] = [];
  const contextUuids: string[] = [];
  const forums = new Map<string, number>();
  const kindIndex = new Map(KINDS.map((k, i) => [k, i]));
  const levelIndex = new Map(LEVELS.map((l, i) => [l, i]));
  for (let i = 0; i < n; i++) {
    if (i % 2000 === 1999) await breathe();
    const [id, kind, level, fieldList, contextList] = JSON.parse(lines[i]) as OrganisationLine;
    uuids[i] = id;
    kinds[i] = kindIndex.get(kind) ?? UNKNOWN;
    levels[i] = levelIndex.get(level) ?? UNKNOWN;
    for (const code of fieldList) {
      if (!fieldCodes.has(code)) fieldCodes.set(code, fieldCodes.size);
      fields.push(fieldCodes.get(code)!);
    }
    fieldStart[i + 1] = fields.length;
    for (const key of contextList) {
      let c = contextOf.get(key);
      if (c === undefined) {
        const [type, uuid] = key.split(':') as [MembershipTarget, string];
        contextOf.set(key, (c = contextTypes.length));
        contextTypes.push(CONTEXT_TYPES.indexOf(type));
        contextUuids.push(uuid);
        if (type === MembershipTarget.FORUM) forums.set(forumCodes[uuid], c);
      }
      if (contextTypes[c] === FORUM) forumCount[i]++;
      contexts.push(c);
    }
    contextStart[i + 1] = contexts.length;
  }
  const memberNode = new Uint32Array(contexts.length);
  for (let i = 0; i < n; i++) memberNode.fill(i, contextStart[i], contextStart[i + 1]);
  const memberContext = Uint32Array.from(contexts);
  return {
    directory: {
      dataVersion: version,
      uuids, kinds, levels, fieldStart, fields: Uint16Array.from(fields), fieldCodes, contextStart, contexts: memberContext.slice(),
      contextTypes: Uint8Array.from(contextTypes), contextUuids, forums, forumCount,
    },
    input: { nodeCount: n, contextCount: contextTypes.length, memberNode, memberContext },
  };
}

/**
 * Where the worker's compiled JavaScript is. `npm run build` emits it next to this module
 * (dist/src/modules/analysis/). Under jest this module runs from src/*.ts, transformed in
 * memory, and no .js lies beside it: a worker thread cannot load TypeScript, so it runs the
 * dist/ counterpart of this folder (the test command builds first).
 */
function workerFile(): string {
  const beside = path.join(__dirname, 'network.worker.js');
  if (fs.existsSync(beside)) return beside;
  const root = path.resolve(__dirname, '../../..');
  return path.join(root, 'dist', path.relative(root, __dirname), 'network.worker.js');
}

/**
 * Measures a network in a worker thread of its own, one at a time. A fresh thread per
 * network: its heap (graphology's graphs, some 180 MB at 10,000 organisations) goes with it
 * rather than lingering in an idle thread, and loading it costs some 50 ms against seconds
 * of measuring.
 */
class MeasureWorker {
  private running: { worker: Worker; fail(error: Error): void } | null = null;
  private closed = false;

  measure(input: MembershipInput): Promise<MeasuredNetwork> {
    if (this.closed) return Promise.reject(new Error('The network worker was stopped: the server is shutting down'));
    if (this.running) return Promise.reject(new Error('The network worker is busy'));
    return new Promise<MeasuredNetwork>((resolve, reject) => {
      // The memberships are transferred, not copied.
      const worker = new Worker(workerFile(), { workerData: input, transferList: [input.memberNode.buffer, input.memberContext.buffer] });
      const settle = (error: Error | null, measured?: MeasuredNetwork) => {
        if (this.running?.worker !== worker) return;
        this.running = null;
        void worker.terminate();
        if (error) reject(error);
        else resolve(measured!);
      };
      this.running = { worker, fail: (error) => settle(error) };
      worker.on('message', (measured: MeasuredNetwork) => settle(null, measured));
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) => settle(new Error(`The network worker stopped (exit code ${code}) before it answered`)));
    });
  }

  /** Stops measuring for good (the server stops); the measurement under way fails. */
  async close(): Promise<void> {
    this.closed = true;
    const running = this.running;
    running?.fail(new Error('The network worker was stopped: the server is shutting down'));
    await running?.worker.terminate();
  }
}

let computations = 0;

/** Whole networks computed in this process, by all caches: lets tests show that filters do not recompute. */
export const networkComputationCount = () => computations;

declare module '../../graph/context' {
  interface SharedState {
    /** The partner network of the current data version, one per server (see NetworkCache). */
    network: NetworkCache;
  }
}

/** Derived views kept per data version. */
const VIEWS = 32;

interface Current {
  network: FullNetwork;
  /** Views by canonical filter key, least recently used first. */
  views: Map<string, Promise<NetworkView>>;
}

/** Networks of earlier days kept besides today's, least recently used dropped first. */
const PAST_DAYS = 3;

/**
 * The networks of the current data version, computed once and shared by all requests of one
 * server (one cache per app: tests run several apps on several databases in one process),
 * with the views of the filters asked for: today's, and those of the few earlier days asked
 * for last (as-of reads). Computations share one worker, so they run one after another.
 */
export class NetworkCache {
  private readonly worker = new MeasureWorker();
  /** By day, least recently used first. */
  private readonly days = new Map<Day, DayNetwork>();

  async get(sql: SqlRunner, filter: NetworkFilter, day: Day = today()): Promise<NetworkView> {
    let network = this.days.get(day);
    if (network) this.days.delete(day);
    else network = new DayNetwork(day, this.worker);
    this.days.set(day, network);
    const now = today();
    for (const old of this.days.keys()) {
      if (this.days.size <= PAST_DAYS + 1) break;
      if (old !== now && old !== day) this.days.delete(old);
    }
    return network.get(sql, filter);
  }

  /** Terminates the worker (when the server stops); requests waiting for a computation fail. */
  async close(): Promise<void> {
    await this.worker.close();
  }
}

/**
 * The network of one day at the current data version. The data version moves on with every
 * write: a network is used for exactly its version and dropped when the next one is computed.
 *
 * One computation at a time. A request that finds one running waits for it and takes it if
 * it is of the request's version; otherwise it waits for the next, which all such requests
 * share and which reads the data after they did.
 */
class DayNetwork {
  private current: Current | null = null;
  private computing: Promise<Current> | null = null;

  constructor(
    private readonly day: Day,
    private readonly worker: MeasureWorker,
  ) {}

  async get(sql: SqlRunner, filter: NetworkFilter): Promise<NetworkView> {
    const current = await this.currentFor(sql);
    const canonical = canonicalFilter(current.network, filter);
    const { key } = canonical;
    let view = current.views.get(key);
    if (view) current.views.delete(key);
    else {
      view = deriveView(current.network, canonical);
      view.catch(() => current.views.delete(key));
    }
    current.views.set(key, view);
    while (current.views.size > VIEWS) current.views.delete(current.views.keys().next().value!);
    return view;
  }

  private async currentFor(sql: SqlRunner): Promise<Current> {
    const [{ version }] = await sql.query<{ version: string }>(READ_DATA_VERSION, [], { primary: true });
    if (this.current?.network.dataVersion === version) return this.current;
    if (this.computing) {
      const running = await this.computing;
      if (running.network.dataVersion === version) return running;
    }
    // None running, or one that read the data before this request did: the next one.
    return (this.computing ??= this.compute(sql));
  }

  private compute(sql: SqlRunner): Promise<Current> {
    const computation = (async () => {
      // A request that read the version just before a write may come after the network of
      // that write was computed: it gets that one rather than the same network again.
      const [{ version }] = await sql.query<{ version: string }>(READ_DATA_VERSION, [], { primary: true });
      if (this.current?.network.dataVersion === version) return this.current;
      computations++;
      const [row] = await sql.query<NetworkRow>(readNetwork(this.day), [], { primary: true });
      const { directory, input } = await encode(row);
      const measures = await this.worker.measure(input);
      this.current = { network: { ...directory, measures }, views: new Map() };
      return this.current;
    })().finally(() => {
      if (this.computing === computation) this.computing = null;
    });
    return computation;
  }
}
