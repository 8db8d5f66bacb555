import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SqlRunner } from '../../db/database';
import { ApiError } from '../../graph/errors';
import { Organisation } from '../organisation/organisation.entity';
import { ApiToken } from './api-token.entity';
import { Role } from './auth.enums';
import type { Viewer } from '../../graph/context';
import { tokenOfSecretHash, type TokenRow } from './auth.loaders';

/** Secrets look like `igt_` + 43 characters (256 random bits), easy to spot in a leak scan. */
const PREFIX = 'igt_';

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export interface IssuedToken {
  token: ApiToken;
  /** Shown once; only its hash is stored. */
  secret: string;
}

/** Creates a token inside the caller's unit of work (flushed with it). */
export function issueToken(
  em: EntityManager,
  input: { name: string; role: Role; organisations: Organisation[]; expiresAt?: Date | null; createdBy?: ApiToken | null },
): IssuedToken {
  const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const token = Object.assign(new ApiToken(), {
    name: input.name,
    role: input.role,
    secretHash: hashSecret(secret),
    prefix: secret.slice(0, PREFIX.length + 6),
    expiresAt: input.expiresAt ?? undefined,
    createdBy: input.createdBy ?? undefined,
  });
  token.organisations.set(input.organisations);
  em.persist(token);
  return { token, secret };
}

const unauthenticated = (message: string) => new ApiError('UNAUTHENTICATED', message, { http: { status: 401 } });

/**
 * Reads the viewer from an `Authorization` header. No header: anonymous (null). A header
 * that names no valid token fails the whole request with UNAUTHENTICATED (HTTP 401), so a
 * client notices an expired or revoked token instead of silently reading as anonymous.
 */
export async function authenticate(sql: SqlRunner, header: string | undefined, now = new Date()): Promise<Viewer | null> {
  if (header === undefined || header === '') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
  return viewerOfSecret(sql, match[1], now);
}

/** The viewer of an access key (a token's secret); UNAUTHENTICATED when it names no valid token. */
export async function viewerOfSecret(sql: SqlRunner, secret: string, now = new Date()): Promise<Viewer> {
  if (!secret.startsWith(PREFIX) || secret.length > 200) throw unauthenticated('Invalid token');
  const row = await tokenOfSecretHash(sql, hashSecret(secret));
  if (!row) throw unauthenticated('Invalid token');
  if (row.revoked_at) throw unauthenticated('This token has been revoked');
  const viewer = viewerOf(row);
  if (viewer.expiresAt && viewer.expiresAt <= now) throw unauthenticated(`This token expired at ${viewer.expiresAt.toISOString()}`);
  return viewer;
}

export const viewerOf = (row: TokenRow): Viewer => ({
  tokenId: row.id,
  name: row.name,
  role: row.role,
  organisationIds: row.organisations,
  expiresAt: row.expires_at ? new Date(row.expires_at) : null,
});
