import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createClient, GraphGraphQLError } from '../client-sdk/src';
import { startTestServer, TestServer } from './support/server';

/**
 * The partner workflow of the README, end to end through the SDK: the coordinator gets a
 * token from `npm run token`, issues one for the Jugendamt, the Jugendamt updates its entry
 * and asks to join a forum, the coordinator decides and reads the audit log.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

/** `npm run token -- …` as the README shows it (the compiled CLI, on this test's database). */
function tokenCli(...args: string[]): string {
  const out = execFileSync(process.execPath, [path.resolve(__dirname, '../dist/src/modules/auth/token-cli.js'), ...args], {
    env: { ...process.env, DATABASE_URL: server.db.url, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
  const lines = out.trimEnd().split('\n');
  return lines[lines.length - 1];
}

test('coordinator issues a token, partner updates its entry and asks to join, coordinator decides and reads the audit log', async () => {
  // 1. First set-up from the shell: the secret alone on the last line.
  const coordinatorSecret = tokenCli('create', '--role', 'COORDINATOR', '--name', 'Projektkoordination');
  expect(coordinatorSecret).toMatch(/^igt_[A-Za-z0-9_-]{43}$/);
  const coordinator = createClient({ url: server.app.url, token: coordinatorSecret });
  expect((await coordinator.viewer()).viewer).toMatchObject({ role: 'COORDINATOR', name: 'Projektkoordination' });

  // 2. The coordinator issues a token for the Jugendamt through the API.
  const { organisation: jugendamt } = await coordinator.organisation({ slug: 'jugendamt' });
  const issued = (await coordinator.createApiToken({ input: { name: 'Jugendamt Redaktion', role: 'PARTNER_EDITOR', organisationIds: [jugendamt!.id], expiresInDays: 365 } }))
    .createApiToken;
  expect(issued.userErrors).toEqual([]);
  const partner = createClient({ url: server.app.url, token: issued.secret! });

  // 3. The partner reads its entry and updates it.
  const { viewer } = await partner.viewer();
  expect(viewer?.organisations.map((o) => o.slug)).toEqual(['jugendamt']);
  const { organisation: entry } = await partner.organisationForEditing({ slug: 'jugendamt' });
  const updated = (
    await partner.updateOrganisation({
      input: {
        id: entry!.id,
        expectedVersion: entry!.version,
        patch: {
          description: 'Beratung für Familien, Kitas und Jugendliche – auch auf Türkisch und Arabisch.',
          languages: ['de', 'tr', 'ar'],
          contacts: [{ name: 'Erika Mustermann', function: 'Integrationsbeauftragte', email: 'erika@example.org' }],
        },
      },
    })
  ).updateOrganisation;
  expect(updated.userErrors).toEqual([]);
  expect(updated.organisation).toMatchObject({ version: entry!.version + 1, languages: ['de', 'tr', 'ar'] });
  expect(updated.organisation?.contacts?.map((c) => c.name)).toEqual(['Erika Mustermann']);

  // A second update with the old version is refused: nobody overwrites what they have not seen.
  const stale = await partner
    .updateOrganisation({ input: { id: entry!.id, expectedVersion: entry!.version, patch: { website: 'https://example.org' } } })
    .catch((e: unknown) => e);
  expect(stale).toBeInstanceOf(GraphGraphQLError);
  expect((stale as GraphGraphQLError).codes).toEqual(['CONFLICT']);

  // Another organisation's entry is not the partner's to edit.
  const { organisation: vhs } = await partner.organisation({ slug: 'vhs' });
  const forbidden = await partner.updateOrganisation({ input: { id: vhs!.id, expectedVersion: 1, patch: { description: 'x' } } }).catch((e: unknown) => e);
  expect((forbidden as GraphGraphQLError).codes).toEqual(['FORBIDDEN']);

  // 4. The partner asks to join Fachforum V; the coordinator approves.
  const { forum } = await partner.forum({ code: 'V' });
  const asked = (await partner.requestMembership({ input: { organisationId: entry!.id, targetId: forum!.id, message: 'Kulturarbeit mit Jugendlichen' } })).requestMembership;
  expect(asked.request?.status).toBe('PENDING');
  const { membershipRequests } = await coordinator.membershipRequests({ status: 'PENDING' });
  expect(membershipRequests.nodes.map((r) => r.organisation?.slug)).toEqual(['jugendamt']);
  const decided = (await coordinator.decideMembershipRequest({ input: { id: asked.request!.id, decision: 'APPROVE' } })).decideMembershipRequest;
  expect(decided.request?.status).toBe('APPROVED');
  const members = (await partner.forum({ code: 'V' })).forum!.members.edges.map((e) => e.node.slug);
  expect(members).toContain('jugendamt');

  // 5. The coordinator reads what happened, newest first.
  const { auditLog } = await coordinator.auditLog({ filter: { organisationId: entry!.id } });
  expect(auditLog.nodes.map((n) => `${n.action} ${n.entityType} by ${n.actor.name}`)).toEqual([
    'ADD_MEMBER ForumMembership by Projektkoordination',
    'DECIDE MembershipRequest by Projektkoordination',
    'REQUEST MembershipRequest by Jugendamt Redaktion',
    'UPDATE Organisation by Jugendamt Redaktion',
    'CREATE ApiToken by Projektkoordination',
  ]);
  const update = auditLog.nodes.find((n) => n.action === 'UPDATE')!;
  expect(update.changes.find((c) => c.field === 'languages')).toEqual({ field: 'languages', before: [], after: ['de', 'tr', 'ar'] });

  // 6. Revoked, the partner's token stops working at once.
  await coordinator.revokeApiToken({ input: { id: issued.token!.id } });
  const revoked = (await partner.viewer().catch((e: unknown) => e)) as GraphGraphQLError;
  expect(revoked.codes).toEqual(['UNAUTHENTICATED']);
  expect(revoked.status).toBe(401);
});

test('npm run token refuses a partner token without an organisation, and lists what it issued', () => {
  expect(() => tokenCli('create', '--role', 'PARTNER_EDITOR')).toThrow(/needs --organisation/);
  expect(() => tokenCli('create', '--role', 'PARTNER_EDITOR', '--organisation', 'gibt-es-nicht')).toThrow(/No organisation with slug gibt-es-nicht/);
  const secret = tokenCli('create', '--role', 'PARTNER_EDITOR', '--organisation', 'vhs');
  const listing = execFileSync(process.execPath, [path.resolve(__dirname, '../dist/src/modules/auth/token-cli.js'), 'list'], {
    env: { ...process.env, DATABASE_URL: server.db.url },
    encoding: 'utf8',
  });
  expect(listing).toContain(`${secret.slice(0, 10)}\tPARTNER_EDITOR\tactive`);
  expect(listing).not.toContain(secret);
});
