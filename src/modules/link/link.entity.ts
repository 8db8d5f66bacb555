import { Entity, Enum, ManyToOne, Unique } from '@mikro-orm/core';
import { Body } from '../body/body.entity';
import { BaseEntity } from '../common/base.entity';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Project } from '../project/project.entity';
import { MembershipRole, ParticipationRole } from './link.enums';

/*
 * The links between organisations and what they take part in. A link is never deleted:
 * removing one archives it, so its history stays. Which links count is said once, in
 * liveLinks() (link.sql.ts).
 */

/** An organisation's membership in a forum. */
@Entity({ tableName: 'forum_membership' })
@Unique({ properties: ['forum', 'organisation'] })
export class ForumMembership extends BaseEntity {
  @ManyToOne(() => Forum, { deleteRule: 'cascade' })
  forum!: Forum;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => MembershipRole, type: 'text' })
  role: MembershipRole = MembershipRole.MEMBER;
}

/** An organisation's membership in a body. */
@Entity({ tableName: 'body_membership' })
@Unique({ properties: ['body', 'organisation'] })
export class BodyMembership extends BaseEntity {
  @ManyToOne(() => Body, { deleteRule: 'cascade' })
  body!: Body;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => MembershipRole, type: 'text' })
  role: MembershipRole = MembershipRole.MEMBER;
}

/** An organisation's participation in a project. */
@Entity({ tableName: 'project_participation' })
@Unique({ properties: ['project', 'organisation'] })
export class ProjectParticipation extends BaseEntity {
  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => ParticipationRole, type: 'text' })
  role: ParticipationRole = ParticipationRole.PARTNER;
}
