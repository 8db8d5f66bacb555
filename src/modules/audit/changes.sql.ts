import { isoTime } from '../common/columns';

/** The entry types of the change feed: the directory's own, all public (not tokens, requests or webhooks). */
export const FEED_TYPES = ['Organisation', 'Forum', 'Body', 'Project', 'ForumMembership', 'BodyMembership', 'ProjectParticipation'] as const;

/** Every field a change set, in alphabetical order, as `fields`: what readers with a token see. */
export const allChangedFields = (a: string) => `array(select k from jsonb_object_keys(${a}.changes) k order by k) as fields`;

/** The columns of a change (a ChangeRow but its fields) from the audit entry `a`. */
export const changeColumns = (a: string) =>
  `${a}.id as uuid, ${a}.data_version as "dataVersion", ${isoTime(`${a}.at`)} as at, ${a}.action, ${a}.entity_type as "entityType",
   ${a}.entity_id as "entityUuid", ${a}.organisation_id as "organisationUuid"`;

/**
 * Organisations (alias `o`) changed after a time (two placeholders, both the time in ISO-8601): their own row,
 * or anything the audit trail files under them (contact persons, fields, areas, links).
 * For copies that sync by time (`modifiedAfter`, HSDS's `modified_after`); the change feed
 * is the exact way, and the one that also tells of archived organisations.
 */
export const modifiedAfter = (o: string) =>
  `(${o}.updated_at > ?::timestamptz or exists (select 1 from audit_entry a where a.organisation_id = ${o}.id and a.at > ?::timestamptz))`;
