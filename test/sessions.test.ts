import { ok, startTestServer, TestServer } from './support/server';
import { issueTestToken, Role } from './support/tokens';

/**
 * Signing in from a browser: the access key is exchanged once for an httpOnly,
 * SameSite=Strict session cookie; the cookie then acts for the key's token; signing out ends
 * it in the database. And CORS: other sites' pages may call the API, never with cookies.
 */
let server: TestServer;
let partnerKey: string;
beforeAll(async () => {
  server = await startTestServer({ env: { CORS_ORIGINS: 'https://www.wetzlar.de,http://localhost:5173' } });
  partnerKey = await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['vhs'], name: 'VHS Redaktion' });
});
afterAll(() => server.stop());

const signIn = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${server.base}/auth/session`, { method: 'POST', headers, body });

/** The `name=value` part of a Set-Cookie header, to send back as a browser would. */
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];

test('a valid access key gives an httpOnly, SameSite=Strict session cookie, which is not the key', async () => {
  const res = await signIn(JSON.stringify({ key: partnerKey }));
  expect(res.status).toBe(201);
  expect(await res.json()).toMatchObject({ viewer: { name: 'VHS Redaktion', role: 'PARTNER_EDITOR' }, sessionExpiresAt: expect.any(String) });
  const setCookie = res.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^ig_session=igs_[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  expect(setCookie).not.toContain(partnerKey);
  expect(res.headers.get('cache-control')).toBe('no-store');
  // Only a hash is stored.
  const value = cookieOf(res).split('=')[1];
  const stored = await server.db.query<{ secret_hash: string }>('select secret_hash from session');
  expect(stored.map((s) => s.secret_hash)).not.toContain(value);
  expect(stored).toHaveLength(1);
});

test('the cookie acts for the token: the partner sees its viewer, contact persons and edits its entry', async () => {
  const cookie = cookieOf(await signIn(JSON.stringify({ key: partnerKey })));
  const headers = { cookie };
  const { viewer, organisation } = ok(await server.gql(`{ viewer { name role organisations { slug } } organisation(slug: "vhs") { id version contacts { name } } }`, {}, headers));
  expect(viewer).toEqual({ name: 'VHS Redaktion', role: 'PARTNER_EDITOR', organisations: [{ slug: 'vhs' }] });
  expect(organisation.contacts).not.toBeNull();
  const updated = ok(
    await server.gql(
      `mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { website } userErrors { code } } }`,
      { input: { id: organisation.id, expectedVersion: organisation.version, patch: { website: 'https://www.vhs-wetzlar.de/' } } },
      headers,
    ),
  );
  expect(updated.updateOrganisation).toEqual({ organisation: { website: 'https://www.vhs-wetzlar.de/' }, userErrors: [] });
  // Anonymous readers do not see contact persons.
  expect((await server.gql(`{ organisation(slug: "vhs") { contacts { name } } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

test('signing out ends the session in the database: the same cookie then reads as anonymous', async () => {
  const cookie = cookieOf(await signIn(JSON.stringify({ key: partnerKey })));
  expect(ok(await server.gql(`{ viewer { name } }`, {}, { cookie })).viewer).toEqual({ name: 'VHS Redaktion' });
  const out = await fetch(`${server.base}/auth/session`, { method: 'DELETE', headers: { cookie } });
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toMatch(/^ig_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
  expect(ok(await server.gql(`{ viewer { name } }`, {}, { cookie })).viewer).toBeNull();
});

test('a revoked token ends its sessions; a wrong or malformed key is UNAUTHENTICATED and sets no cookie', async () => {
  const key = await issueTestToken(server.db, Role.PARTNER_EDITOR, { organisations: ['vhs'] });
  const cookie = cookieOf(await signIn(JSON.stringify({ key })));
  await server.db.query(`update api_token set revoked_at = now() where id = (select token_id from session order by created_at desc limit 1)`);
  expect(ok(await server.gql(`{ viewer { name } }`, {}, { cookie })).viewer).toBeNull();
  for (const body of [JSON.stringify({ key: 'igt_wrong' }), JSON.stringify({ key })]) {
    const res = await signIn(body);
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  }
  // Not JSON, no key, another method.
  expect((await signIn(`key=${partnerKey}`, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  expect((await signIn('{"nokey": 1}')).status).toBe(400);
  expect((await signIn('not json')).status).toBe(400);
  expect((await fetch(`${server.base}/auth/session`)).status).toBe(405);
  // A made-up cookie is anonymous, not an error: the public directory stays readable.
  expect(ok(await server.gql(`{ viewer { name } }`, {}, { cookie: 'ig_session=igs_madeup' })).viewer).toBeNull();
});

test('behind a proxy that says HTTPS, the cookie is Secure', async () => {
  const proxied = await startTestServer({ env: { TRUST_PROXY: '1' } });
  try {
    const key = await issueTestToken(proxied.db, Role.COORDINATOR);
    const res = await fetch(`${proxied.base}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.4' },
      body: JSON.stringify({ key }),
    });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  } finally {
    await proxied.stop();
  }
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(server.app.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

  test('an origin of CORS_ORIGINS may call the API, without credentials; others get no CORS headers', async () => {
    const allowed = await preflight('https://www.wetzlar.de');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.wetzlar.de');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const answer = await fetch(server.app.url, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' }, body: '{"query":"{ fieldsOfAction { code } }"}' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('vary')).toContain('Origin');
    // Sign-in is for this server's own pages only.
    const signInPreflight = await fetch(`${server.base}/auth/session`, { method: 'OPTIONS', headers: { origin: 'https://www.wetzlar.de' } });
    expect(signInPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('without CORS_ORIGINS no page of another origin may call the API', async () => {
    const plain = await startTestServer();
    try {
      const res = await fetch(plain.app.url, { method: 'OPTIONS', headers: { origin: 'https://www.wetzlar.de', 'access-control-request-method': 'POST' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.stop();
    }
  });
});
