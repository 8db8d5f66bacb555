import { startTestServer, TestServer } from './support/server';
let server: TestServer;
beforeAll(async () => { server = await startTestServer({ env: { NODE_ENV: 'production' } }); });
afterAll(() => server.stop());
const U = '00000000-0000-4000-8000-000000000000';
const b64 = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
test('explore', async () => {
  const out: string[] = [];
  const show = async (label: string, q: string, v?: any) => {
    const r = await server.gql(q, v);
    out.push(`${label} [${r.status}] => ${JSON.stringify(r).slice(0, 400)}`);
  };
  await show('first1000', `{ organisations(first: 1000) { totalCount } }`);
  await show('syntax', `{ organisations { `);
  await show('intro', `{ __schema { queryType { name } } }`);
  await show('intro type', `{ __type(name: "Organisation") { name } }`);
  await show('typename', `{ __typename }`);
  await show('slug NUL', `query ($s: String!) { organisation(slug: $s) { name } }`, { s: 'a\u0000' });
  await show('extra colon', `query ($id: ID!) { node(id: $id) { id } }`, { id: b64(`Organisation:${U}:x`) });
  const res = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
  out.push(`array [${res.status}] ${await res.text()}`);
  const r0 = await fetch(server.base + '/health/ready'); out.push(`ready ${r0.status} ${await r0.text()}`);
  await server.app.orm.close();
  await show('after close', `{ organisations(first: 2) { totalCount nodes { name } } }`);
  await show('after close search', `{ search(query: "Jugend") { totalCount } }`);
  const r1 = await fetch(server.base + '/health/ready'); out.push(`ready ${r1.status} ${await r1.text()}`);
  const r2 = await fetch(server.base + '/health/live'); out.push(`live ${r2.status} ${await r2.text()}`);
  console.log(out.join('\n'));
});
