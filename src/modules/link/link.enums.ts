import { registerEnumType } from 'type-graphql';

/** What an organisation can be linked to: the kinds of link. */
export enum MembershipTarget {
  FORUM = 'FORUM',
  BODY = 'BODY',
  PROJECT = 'PROJECT',
}

/** The role an organisation has in a forum or a steering body. */
export enum MembershipRole {
  CHAIR = 'CHAIR',
  MEMBER = 'MEMBER',
  COORDINATION = 'COORDINATION',
}

/** The role an organisation has in a project. */
export enum ParticipationRole {
  LEAD = 'LEAD',
  PARTNER = 'PARTNER',
  FUNDER = 'FUNDER',
}

registerEnumType(MembershipTarget, { name: 'MembershipTarget', description: 'A forum, a body or a project.' });
registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'The role an organisation has in a forum or a body.',
  valuesConfig: {
    CHAIR: { description: 'Leads the forum or body (Federführung).' },
    MEMBER: { description: 'Takes part as a member.' },
    COORDINATION: { description: 'Coordinates or runs the office of the forum or body.' },
  },
});
registerEnumType(ParticipationRole, {
  name: 'ParticipationRole',
  description: 'The role an organisation has in a project.',
  valuesConfig: {
    LEAD: { description: 'Runs the project.' },
    PARTNER: { description: 'Takes part in the project.' },
    FUNDER: { description: 'Funds the project.' },
  },
});
