import { startTestServer, TestServer } from './support/server';
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(() => server.stop());
const orgQ = `query ($s: String) { organisations(first: 100, filter: { search: $s }) { totalCount edges { node { name level } } } }`;
test('explore', async () => {
  const out: string[] = [];
  for (const s of ['Agentur für Arbeit', 'Schulen', 'Integrationsbeirat', 'Jugendamt', 'Ausländerbeirat', 'Sportamt', 'Sportämter', 'Handwerkskammer', 'Stadt Wetzlar', 'Wetzlar Stadt', 'Lahn Dill', 'Lahn-Dill-Kreis', 'LDK', 'IHK', 'Kreis', 'Fluechtlinge', 'Gremien', 'Kirche Wetzlar', 'Jugendamt Sportamt', 'Jugendämter', 'Ämter', 'Amt', 'Beschaftigungstrager', 'Migrationsbericht', 'Quartier', 'Quatiersmanagement']) {
    const r = await server.gql(orgQ, { s });
    out.push(`${JSON.stringify(s)} => ${r.errors ? JSON.stringify(r.errors.map(e=>[e.message,e.extensions?.code])) : r.data.organisations.totalCount + ': ' + r.data.organisations.edges.slice(0,6).map((e:any)=>e.node.name + '/' + e.node.level).join(' | ')}`);
  }
  const sq = `query ($q: String!, $t: [SearchResultType!]) { search(query: $q, first: 100, types: $t) { totalCount edges { rank node { __typename ... on Organisation { name } ... on Project { name shortName } ... on FieldOfAction { name } ... on Forum { name } ... on Body { name } } } } }`;
  for (const [q, t] of [['Sportamt', null], ['Integration', ['PROJECT', 'BODY']], ['Ausländerbeirat', null], ['Programmbeirat', null], ['Steuerung', null], ['Mama lernt Deutsch', null], ['Mütter', null], ['Mutter', null], ['Frühstart', null], ['Fruhstart', null], ['Kinder', null], ['Kita', null], ['Arbeit', null]] as const) {
    const r = await server.gql(sq, { q, t });
    out.push(`search ${JSON.stringify(q)} ${t} => ${r.errors ? JSON.stringify(r.errors) : r.data.search.totalCount + ': ' + r.data.search.edges.slice(0,8).map((e:any)=>`${e.node.__typename}:${e.node.name}(${e.rank.toFixed(3)})`).join(' | ')}`);
  }
  const r = await server.gql(`{ organisations(first: 100, filter: { search: "Stadt", levels: [CITY] }) { totalCount nodes { name } } a: organisations(filter: { search: "Sport", levels: [CITY, STATE] }) { totalCount nodes { name } } b: organisations(filter: { search: "Arbeit", kinds: [FEDERAL_AUTHORITY, EMPLOYMENT_AGENCY] }) { totalCount nodes { name kind } } c: organisations(filter: { search: "Sport" }, orderBy: { field: NAME }) { nodes { name } } d: organisations(filter: { search: "Sport" }, orderBy: { field: RELEVANCE, direction: DESC }) { nodes { name } } e: organisations(filter: { search: "Migration", forum: "III" }) { nodes { name } } }`);
  out.push(JSON.stringify(r, null, 0));
  console.log(out.join('\n'));
});
