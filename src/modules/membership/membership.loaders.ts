import { Connection, mapNodes, orderedBy, PageArgs, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { toGlobalId } from '../../graph/node';
import { isoTime } from '../common/columns';
import { Conditions } from '../common/conditions';
import type { RequestStatus } from './membership.enums';
import type { MembershipRequest } from './membership.type';

const REQUEST_COLUMNS = `r.id as uuid, r.target_type as "targetType", r.role, r.message, r.status, ${isoTime('r.created_at')} as "createdAt",
  case when r.decided_at is null then null else ${isoTime('r.decided_at')} end as "decidedAt", r.decision_note as "decisionNote", r.version,
  r.organisation_id as "organisationUuid", coalesce(r.forum_id, r.body_id, r.project_id) as "targetUuid"`;

const asRequest = (row: Record<string, unknown>): MembershipRequest => ({ ...(row as unknown as MembershipRequest), id: toGlobalId('MembershipRequest', row.uuid as string) });

/** One request by its uuid, as it is now (read after a write, from the primary). */
export async function membershipRequest(ctx: Context, uuid: string): Promise<MembershipRequest> {
  const [row] = await ctx.sql.query(`select ${REQUEST_COLUMNS} from membership_request r where r.id = ?`, [uuid]);
  return asRequest(row);
}

/** A page of requests, oldest first: of the given organisations only unless `organisationUuids` is null (all). */
export async function membershipRequests(
  ctx: Context,
  page: PageArgs,
  filter: { organisationUuids: string[] | null; status: RequestStatus | null },
): Promise<Connection<MembershipRequest>> {
  const conditions = new Conditions().when(filter.organisationUuids, 'r.organisation_id = any(?::uuid[])').when(filter.status, 'r.status = ?');
  const result = await paginateRoot(
    ctx.sql,
    {
      source: `select ${REQUEST_COLUMNS} from membership_request r ${conditions.where ? `where ${conditions.where}` : ''}`,
      params: conditions.params,
      orderBy: orderedBy('createdAt', 'text'),
    },
    page,
    ctx.limits,
  );
  return mapNodes(result, asRequest);
}
