import { Connection, orderedBy, PageRequest, paginateRoot } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { isoTime } from '../common/columns';

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
  const where: string[] = [];
  const params: unknown[] = [];
  const condition = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  const c = conditions;
  if (c.organisation !== undefined) condition('a.organisation_id = ?', c.organisation);
  else if (c.organisations !== undefined) condition('a.organisation_id = any(?::uuid[])', c.organisations);
  if (c.entity !== undefined) condition('a.entity_id = ?', c.entity);
  if (c.entityType !== undefined) condition('a.entity_type = ?', c.entityType);
  if (c.actorToken !== undefined) condition('a.actor_token_id = ?', c.actorToken);
  if (c.action !== undefined) condition('a.action = ?', c.action);
  if (c.from !== undefined) condition('a.at >= ?::timestamptz', c.from);
  if (c.to !== undefined) condition('a.at < ?::timestamptz', c.to);
  return paginateRoot<AuditRow>(
    ctx.sql,
    {
      source: `select a.id as uuid, ${isoTime('a.at')} as at, a.action, a.entity_type as "entityType", a.entity_id as "entityUuid",
                        a.organisation_id as "organisationUuid", a.actor_token_id as "actorTokenId", a.actor_role as "actorRole",
                        a.actor_name as "actorName", a.changes
                 from audit_entry a ${where.length ? `where ${where.join(' and ')}` : ''}`,
      params,
      orderBy: orderedBy('at', 'text', 'desc'),
    },
    page,
    ctx.limits,
  );
}
