import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../src/modules/auth/auth.enums';
import { issueToken } from '../../src/modules/auth/tokens';
import { Organisation } from '../../src/modules/organisation/organisation.entity';
import type { TestDatabase } from './database';

/**
 * Issues a token straight into the database (as `npm run token` does) and returns its secret.
 * `db` is a test database, or an App when the test started one on a database of its own.
 */
export async function issueTestToken(
  db: Pick<TestDatabase, 'orm'>,
  role: Role,
  options: { organisations?: string[]; expiresAt?: Date; revoked?: boolean; name?: string } = {},
): Promise<string> {
  const em = db.orm.em.fork() as EntityManager;
  const organisations = await em.find(Organisation, { slug: { $in: options.organisations ?? [] } });
  const { token, secret } = issueToken(em, { name: options.name ?? `test ${role}`, role, organisations, expiresAt: options.expiresAt });
  if (options.revoked) token.revokedAt = new Date();
  await em.flush();
  return secret;
}

/** The headers that present a token's secret to the API. */
export const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

export { Role };
