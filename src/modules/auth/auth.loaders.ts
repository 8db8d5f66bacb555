import { Connection, mapNodes, orderedBy, PageRequest, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { toGlobalId } from '../../graph/node';
import { isoTime } from '../common/columns';
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
