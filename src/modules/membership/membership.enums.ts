import { registerEnumType } from 'type-graphql';

/** What an organisation can be a member of. */
export enum MembershipTarget {
  FORUM = 'FORUM',
  BODY = 'BODY',
  PROJECT = 'PROJECT',
}

export enum RequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum Decision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(MembershipTarget, { name: 'MembershipTarget', description: 'A forum, a body or a project.' });
registerEnumType(RequestStatus, { name: 'MembershipRequestStatus', description: 'Where a membership request stands.' });
registerEnumType(Decision, { name: 'MembershipDecision', description: 'A coordinator\'s answer to a membership request.' });
