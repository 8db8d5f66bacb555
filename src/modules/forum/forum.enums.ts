import { registerEnumType } from 'type-graphql';

/** The role an organisation has in a forum or a steering body. */
export enum MembershipRole {
  CHAIR = 'CHAIR',
  MEMBER = 'MEMBER',
  COORDINATION = 'COORDINATION',
}

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'The role an organisation has in a forum or a body.',
  valuesConfig: {
    CHAIR: { description: 'Leads the forum or body (Federführung).' },
    MEMBER: { description: 'Takes part as a member.' },
    COORDINATION: { description: 'Coordinates or runs the office of the forum or body.' },
  },
});
