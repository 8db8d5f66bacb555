/*
 * The partner graph of each period, from the compact lines of monitoringGraph(): its
 * density and its connected groups. Counting distinct pairs in SQL means one row per pair of
 * partners per period (some 300,000 per period at 10,000 organisations, most of them in
 * the large forums); here the same count walks each context's members once per member,
 * with typed arrays, and yields to other requests between periods.
 */

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Lines (organisations) handled between two breaths: some milliseconds of work. */
const SLICE = 20_000;

export interface GraphMeasures {
  /** Per period (index 0 = period 1): active partners with a link in the graph. */
  nodes: number[];
  /** Distinct connected pairs. */
  edges: number[];
  /** 2E / (N(N−1)); 0 with fewer than two nodes. */
  density: number[];
  /** Connected components, a partner with no shared context counting as one. */
  groups: number[];
}

/** Measures the graph of each of `periods` periods from the lines "organisation context first last". */
export async function measureGraphs(text: string, periods: number): Promise<GraphMeasures> {
  const lines = text ? text.split('\n') : [];
  const L = lines.length;
  const org = new Int32Array(L);
  const ctx = new Int32Array(L);
  const first = new Int32Array(L);
  const last = new Int32Array(L);
  let orgCount = 0;
  let ctxCount = 0;
  for (let i = 0; i < L; i++) {
    // In slices: at 100,000 organisations there are hundreds of thousands of lines.
    if (i > 0 && i % SLICE === 0) await breathe();
    const [o, c, f, l] = lines[i].split(' ').map(Number);
    org[i] = o;
    ctx[i] = c;
    first[i] = f;
    last[i] = l;
    if (o >= orgCount) orgCount = o + 1;
    if (c >= ctxCount) ctxCount = c + 1;
  }
  const result: GraphMeasures = { nodes: [], edges: [], density: [], groups: [] };
  // Per period: the links that count, grouped by context and by organisation (counting sort).
  const ctxStart = new Int32Array(ctxCount + 1);
  const ctxMembers = new Int32Array(L);
  const orgStart = new Int32Array(orgCount + 1);
  const orgContexts = new Int32Array(L);
  const fill = new Int32Array(Math.max(ctxCount, orgCount) + 1);
  const seen = new Int32Array(orgCount).fill(-1);
  const parent = new Int32Array(orgCount);
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let p = 1; p <= periods; p++) {
    if (p > 1) await breathe();
    ctxStart.fill(0);
    orgStart.fill(0);
    for (let i = 0; i < L; i++) {
      if (first[i] <= p && p <= last[i]) {
        ctxStart[ctx[i] + 1]++;
        orgStart[org[i] + 1]++;
      }
    }
    for (let c = 0; c < ctxCount; c++) ctxStart[c + 1] += ctxStart[c];
    for (let o = 0; o < orgCount; o++) orgStart[o + 1] += orgStart[o];
    fill.set(ctxStart.subarray(0, ctxCount));
    for (let i = 0; i < L; i++) if (first[i] <= p && p <= last[i]) ctxMembers[fill[ctx[i]]++] = org[i];
    fill.set(orgStart.subarray(0, orgCount));
    for (let i = 0; i < L; i++) if (first[i] <= p && p <= last[i]) orgContexts[fill[org[i]]++] = ctx[i];

    let nodes = 0;
    let edges = 0;
    for (let o = 0; o < orgCount; o++) parent[o] = o;
    seen.fill(-1);
    for (let u = 0; u < orgCount; u++) {
      if (u > 0 && u % SLICE === 0) await breathe();
      if (orgStart[u] === orgStart[u + 1]) continue;
      nodes++;
      for (let k = orgStart[u]; k < orgStart[u + 1]; k++) {
        const c = orgContexts[k];
        for (let m = ctxStart[c]; m < ctxStart[c + 1]; m++) {
          const v = ctxMembers[m];
          // Each pair once: from its smaller end, and once however many contexts it shares.
          if (v > u && seen[v] !== u) {
            seen[v] = u;
            edges++;
          }
        }
      }
    }
    for (let c = 0; c < ctxCount; c++) {
      const head = ctxStart[c] < ctxStart[c + 1] ? find(ctxMembers[ctxStart[c]]) : -1;
      for (let m = ctxStart[c] + 1; m < ctxStart[c + 1]; m++) {
        const r = find(ctxMembers[m]);
        if (r !== find(head)) parent[r] = find(head);
      }
    }
    let groups = 0;
    for (let u = 0; u < orgCount; u++) if (orgStart[u] !== orgStart[u + 1] && find(u) === u) groups++;
    result.nodes.push(nodes);
    result.edges.push(edges);
    result.density.push(nodes < 2 ? 0 : (2 * edges) / (nodes * (nodes - 1)));
    result.groups.push(groups);
  }
  return result;
}
