import type { MikroORM } from '@mikro-orm/postgresql';
import type { SqlRunner } from '../../db/database';
import { Connection, mapNodes, orderedBy, PageRequest, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { toGlobalId } from '../../graph/node';
import { isoTime } from '../common/columns';
import type { Role } from './auth.enums';
import type { ApiToken } from './auth.type';

const TOKEN_COLUMNS = `t.id as uuid, t.name, t.prefix, t.role, ${isoTime('t.created_at')} as "createdAt",
  t.expires_at as "expiresAt", t.revoked_at as "revokedAt",
  coalesce((select array_agg(x.organisation_id::text) from api_token_organisation x where x.api_token_id = t.id), '{}') as "organisationIds"`;

const asToken = (row: Record<string, any>): ApiToken => ({
  ...(row as ApiToken),
  id: toGlobalId('ApiToken', row.uuid),
  expiresAt: row.expiresAt ? new Date(row.expiresAt) : null,
  revokedAt: row.revokedAt ? new Date(row.revokedAt) : null,
});

/** One token by its database id, as the API shows it (without its secret, which is not stored). */
export async function readToken(ctx: Context, uuid: string): Promise<ApiToken> {
  const [row] = await ctx.sql.query(`select ${TOKEN_COLUMNS} from api_token t where t.id = ?`, [uuid]);
  return asToken(row);
}

/** A page of the tokens, newest first. */
export async function tokenPage(ctx: Context, page: PageRequest): Promise<Connection<ApiToken>> {
  const rows = await paginateRoot(
    ctx.sql,
    {
      source: `select ${TOKEN_COLUMNS} from api_token t`,
      params: [],
      orderBy: orderedBy('createdAt', 'text', 'desc'),
    },
    page,
    ctx.limits,
  );
  return mapNodes(rows, asToken);
}

/** A token as authentication reads it: who it is, and whether it still counts. */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  expires_at: Date | null;
  revoked_at: Date | null;
  organisations: string[];
}

/** A token with its organisations; `from api_token t` and a `group by t.id` follow. */
const TOKEN_VIEWER = `select t.id, t.name, t.role, t.expires_at, t.revoked_at,
       coalesce(array_agg(x.organisation_id::text) filter (where x.organisation_id is not null), '{}') as organisations
  from api_token t left join api_token_organisation x on x.api_token_id = t.id`;

/** The token whose secret has this hash, revoked or expired too (the caller says why it does not count); from the primary. */
export async function tokenOfSecretHash(sql: SqlRunner, secretHash: string): Promise<TokenRow | undefined> {
  const [row] = await sql.query<TokenRow>(`${TOKEN_VIEWER} where t.secret_hash = ? group by t.id`, [secretHash], { primary: true });
  return row;
}

/** The token of a live session (not ended, not expired, its token neither revoked nor expired); from the primary. */
export async function tokenOfSession(sql: SqlRunner, sessionHash: string, now: Date): Promise<TokenRow | undefined> {
  const [row] = await sql.query<TokenRow>(
    `${TOKEN_VIEWER} join session s on s.token_id = t.id
     where s.secret_hash = ? and s.ended_at is null and s.expires_at > ?::timestamptz
       and t.revoked_at is null and (t.expires_at is null or t.expires_at > ?::timestamptz)
     group by t.id`,
    [sessionHash, now.toISOString(), now.toISOString()],
    { primary: true },
  );
  return row;
}

/** Ends the live session with this hash; true when there was one. */
export async function endSessionOf(orm: MikroORM, sessionHash: string): Promise<boolean> {
  const ended = await orm.em.getKnex().raw('update session set ended_at = now() where secret_hash = ? and ended_at is null', [sessionHash]);
  return (ended.rowCount ?? 0) > 0;
}
