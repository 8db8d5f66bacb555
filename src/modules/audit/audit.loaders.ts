import { Connection, orderedBy, PageRequest, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { isoTime } from '../common/columns';
import { Conditions } from '../common/conditions';

/** An entry of the audit trail as read, with database ids. */
export interface AuditRow extends Record<string, unknown> {
  uuid: string;
  at: string;
  action: string;
  entityType: string;
  entityUuid: string;
  organisationUuid: string | null;
  actorTokenId: string | null;
  actorRole: string;
  actorName: string;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** Which entries to read, by database ids; every condition given must hold. */
export interface AuditConditions {
  /** Changes concerning this organisation. */
  organisation?: string;
  /** Else, changes concerning any of these (a partner editor's own organisations). */
  organisations?: string[];
  entity?: string;
  entityType?: string;
  actorToken?: string;
  action?: string;
  /** ISO-8601: from this time on (inclusive). */
  from?: string;
  /** ISO-8601: before this time (exclusive). */
  to?: string;
}

/** A page of the audit trail, newest first. */
export function auditTrail(ctx: Context, conditions: AuditConditions, page: PageRequest): Promise<Connection<AuditRow>> {
  const c = conditions;
  const where = new Conditions();
  if (c.organisation !== undefined) where.add('a.organisation_id = ?', c.organisation);
  else where.when(c.organisations, 'a.organisation_id = any(?::uuid[])');
  where
    .when(c.entity, 'a.entity_id = ?')
    .when(c.entityType, 'a.entity_type = ?')
    .when(c.actorToken, 'a.actor_token_id = ?')
    .when(c.action, 'a.action = ?')
    .when(c.from, 'a.at >= ?::timestamptz')
    .when(c.to, 'a.at < ?::timestamptz');
  return paginateRoot<AuditRow>(
    ctx.sql,
    {
      source: `select a.id as uuid, ${isoTime('a.at')} as at, a.action, a.entity_type as "entityType", a.entity_id as "entityUuid",
                        a.organisation_id as "organisationUuid", a.actor_token_id as "actorTokenId", a.actor_role as "actorRole",
                        a.actor_name as "actorName", a.changes
                 from audit_entry a ${where.where ? `where ${where.where}` : ''}`,
      params: where.params,
      orderBy: orderedBy('at', 'text', 'desc'),
    },
    page,
    ctx.limits,
  );
}
