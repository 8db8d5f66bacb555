import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open';
import { createLogger } from '../../log';
import { entities } from '..';
import { AuditEntry } from '../common/audit-entry.entity';
import { Organisation } from '../organisation/organisation.entity';
import { ApiToken } from './api-token.entity';
import { Role } from './auth.enums';
import { issueToken } from './tokens';

const USAGE = `Usage:
  npm run token -- create --role COORDINATOR|ADMIN [--name NAME] [--expires-in-days N]
  npm run token -- create --role PARTNER_EDITOR --organisation <slug> [--organisation <slug> …] [--name NAME] [--expires-in-days N]
  npm run token -- list
  npm run token -- revoke <prefix>

Uses DATABASE_URL, or the embedded database under DATA_DIR (also while the server runs).
"create" prints the secret alone on the last line of standard output; it is not stored.`;

class UsageError extends Error {}

/** `npm run token`: issues, lists and revokes API tokens from the shell, for first set-up. */
async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      organisation: { type: 'string', multiple: true },
      name: { type: 'string' },
      'expires-in-days': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) throw new UsageError('');
  const config = loadConfig();
  const database = await openDatabase(config, createLogger('silent'), { entities, reuseRunning: true });
  const em = database.orm.em.fork();
  try {
    if (command === 'create') {
      const role = values.role as Role;
      if (!Object.values(Role).includes(role)) throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
      const slugs = values.organisation ?? [];
      if (role === Role.PARTNER_EDITOR && slugs.length === 0) throw new UsageError('A PARTNER_EDITOR token needs --organisation <slug>');
      const days = values['expires-in-days'] === undefined ? undefined : Number(values['expires-in-days']);
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError('--expires-in-days must be a positive whole number');
      const secret = await em.transactional(async (tx) => {
        const organisations = await tx.find(Organisation, { slug: { $in: slugs }, archivedAt: null });
        const missing = slugs.filter((s) => !organisations.some((o) => o.slug === s));
        if (missing.length) throw new UsageError(`No organisation with slug ${missing.join(', ')}`);
        const name = values.name ?? (role === Role.PARTNER_EDITOR ? `${organisations.map((o) => o.name).join(', ')} (npm run token)` : `${role} (npm run token)`);
        const expiresAt = days ? new Date(Date.now() + days * 86_400_000) : null;
        const issued = issueToken(tx as never, { name, role, organisations, expiresAt });
        tx.persist(
          Object.assign(new AuditEntry(), {
            action: 'CREATE', entityType: 'ApiToken', entityId: issued.token.id, organisationId: organisations[0]?.id,
            actorRole: 'SYSTEM', actorName: 'npm run token',
            changes: { name: { before: null, after: name }, role: { before: null, after: role }, organisations: { before: [], after: slugs } },
          }),
        );
        console.log(`Issued ${role} token "${name}" (prefix ${issued.token.prefix}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ''}).`);
        console.log('Send it as "Authorization: Bearer <token>". It is shown only now:');
        return issued.secret;
      });
      console.log(secret);
    } else if (command === 'list') {
      const tokens = await em.find(ApiToken, {}, { populate: ['organisations'], orderBy: { createdAt: 'asc' } });
      for (const t of tokens) {
        const state = t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date() ? 'expired' : 'active';
        console.log([t.prefix, t.role, state, t.name, t.organisations.getItems().map((o) => o.slug).join(',')].join('\t'));
      }
    } else if (command === 'revoke') {
      if (!arg) throw new UsageError('revoke needs the prefix of the token (see: npm run token -- list)');
      const token = await em.findOne(ApiToken, { prefix: arg });
      if (!token) throw new UsageError(`No token with prefix ${arg}`);
      if (!token.revokedAt) {
        await em.transactional(async (tx) => {
          const t = await tx.findOneOrFail(ApiToken, { id: token.id });
          t.revokedAt = new Date();
          tx.persist(Object.assign(new AuditEntry(), {
            action: 'REVOKE', entityType: 'ApiToken', entityId: t.id, actorRole: 'SYSTEM', actorName: 'npm run token',
            changes: { revokedAt: { before: null, after: t.revokedAt.toISOString() } },
          }));
        });
      }
      console.log(`Revoked ${arg}.`);
    } else {
      throw new UsageError(`Unknown command "${command}"`);
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) console.error(`${error.message ? `${error.message}\n\n` : ''}${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof UsageError && !error.message ? 0 : 1);
});
