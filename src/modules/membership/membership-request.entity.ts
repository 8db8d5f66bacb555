import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/core';
import { ApiToken } from '../auth/api-token.entity';
import { Body } from '../body/body.entity';
import { BaseEntity } from '../common/base.entity';
import { Forum } from '../forum/forum.entity';
import { Organisation } from '../organisation/organisation.entity';
import { Project } from '../project/project.entity';
import { MembershipTarget } from '../link/link.enums';
import { RequestStatus } from './membership.enums';

/** A partner's request to join a forum, body or project; a coordinator decides. */
@Entity({ tableName: 'membership_request' })
export class MembershipRequest extends BaseEntity {
  @ManyToOne(() => Organisation, { deleteRule: 'cascade', index: true })
  organisation!: Organisation;

  @Enum({ items: () => MembershipTarget, type: 'text' })
  targetType!: MembershipTarget;

  @ManyToOne(() => Forum, { nullable: true, deleteRule: 'cascade' })
  forum?: Forum;

  @ManyToOne(() => Body, { nullable: true, deleteRule: 'cascade' })
  body?: Body;

  @ManyToOne(() => Project, { nullable: true, deleteRule: 'cascade' })
  project?: Project;

  /** The role asked for (MembershipRole for forums and bodies, ParticipationRole for projects). */
  @Property({ type: 'text' })
  role!: string;

  @Property({ type: 'text', nullable: true })
  message?: string;

  @Enum({ items: () => RequestStatus, type: 'text', default: RequestStatus.PENDING })
  status: RequestStatus = RequestStatus.PENDING;

  @ManyToOne(() => ApiToken, { nullable: true, deleteRule: 'set null' })
  requestedBy?: ApiToken;

  @ManyToOne(() => ApiToken, { nullable: true, deleteRule: 'set null' })
  decidedBy?: ApiToken;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date;

  @Property({ type: 'text', nullable: true })
  decisionNote?: string;
}
