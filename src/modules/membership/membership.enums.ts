import { registerEnumType } from 'type-graphql';

export enum RequestStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum Decision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}

registerEnumType(RequestStatus, { name: 'MembershipRequestStatus', description: 'Where a membership request stands.' });
registerEnumType(Decision, { name: 'MembershipDecision', description: 'A coordinator\'s answer to a membership request.' });
