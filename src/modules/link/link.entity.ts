import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Body } from '../body/body.entity';
import { BaseEntity } from '../common/base.entity';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Project } from '../project/project.entity';
import { LinkEndReason, MembershipRole, ParticipationRole } from './link.enums';

/*
 * The links between organisations and what they take part in, each for a period of days:
 * from `since` (null: unknown, as for the links of the source slides) until `until`, the
 * first day it no longer holds (null: it holds still). Ending a link sets `until`; nothing
 * is deleted, so an organisation that leaves and comes back has two rows. Which links hold
 * on a day is said once, in liveLinks() (link.sql.ts).
 *
 * The database keeps the periods of one organisation and one target from overlapping (an
 * exclusion constraint over the day ranges), so that at most one link of a pair holds on any
 * day, whatever writes race.
 */

/** The period columns every kind of link has. */
abstract class DatedLink extends BaseEntity {
  @Property({ type: 'date', nullable: true })
  since?: string | null;

  @Property({ type: 'date', nullable: true })
  until?: string | null;

  @Enum({ items: () => LinkEndReason, type: 'text', nullable: true })
  endReason?: LinkEndReason | null;
}

/**
 * The exclusion constraint of one link table, as its index (its name is the constraint's).
 * The pair is one text key, an expression no query names: PostgreSQL estimates a GiST index
 * as cheap as a btree for a lookup by its second column, and would read the links of an
 * organisation through it, a search of the whole tree each time (network: 5 s instead of
 * 0.5 s at 10,000 organisations). Reads keep to the btree indexes.
 */
const noOverlap = (table: string, target: string) => ({
  name: `${table}_no_overlap`,
  expression:
    `alter table "${table}" add constraint "${table}_no_overlap" exclude using gist ` +
    `(("${target}"::text || ':' || "organisation_id"::text) with =, daterange("since", "until", '[)') with &&)`,
});

/** A period ends on or after the day it starts. */
const periodInOrder = (table: string) => ({ name: `${table}_period_check`, expression: 'since is null or until is null or since <= until' });

/** An organisation's membership in a forum. */
@Entity({ tableName: 'forum_membership' })
@Index({ properties: ['forum', 'organisation'] })
@Check(periodInOrder('forum_membership'))
@Index(noOverlap('forum_membership', 'forum_id'))
export class ForumMembership extends DatedLink {
  @ManyToOne(() => Forum, { deleteRule: 'cascade' })
  forum!: Forum;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => MembershipRole, type: 'text' })
  role: MembershipRole = MembershipRole.MEMBER;
}

/** An organisation's membership in a body. */
@Entity({ tableName: 'body_membership' })
@Index({ properties: ['body', 'organisation'] })
@Check(periodInOrder('body_membership'))
@Index(noOverlap('body_membership', 'body_id'))
export class BodyMembership extends DatedLink {
  @ManyToOne(() => Body, { deleteRule: 'cascade' })
  body!: Body;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => MembershipRole, type: 'text' })
  role: MembershipRole = MembershipRole.MEMBER;
}

/** An organisation's participation in a project. */
@Entity({ tableName: 'project_participation' })
@Index({ properties: ['project', 'organisation'] })
@Check(periodInOrder('project_participation'))
@Index(noOverlap('project_participation', 'project_id'))
export class ProjectParticipation extends DatedLink {
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => ParticipationRole, type: 'text' })
  role: ParticipationRole = ParticipationRole.PARTNER;
}
