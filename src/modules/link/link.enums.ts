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

/**
 * Each kind of link, described once: the names and words the schema uses for it (its
 * lists, inputs and mutations are made from these) and its roles.
 */
export interface LinkKind {
  /** The GraphQL type linked to, e.g. "Forum". */
  target: 'Forum' | 'Body' | 'Project';
  /** Its name in words, e.g. "forum", and the plural. */
  noun: string;
  nouns: string;
  /** What a linked organisation is there. */
  member: 'member' | 'participant';
  /** What the link is called. */
  link: 'membership' | 'participation';
  /** What the organisation does there, e.g. "belongs to". */
  verb: string;
  role: typeof MembershipRole | typeof ParticipationRole;
  defaultRole: MembershipRole | ParticipationRole;
}

export const LINK_KIND: Record<MembershipTarget, LinkKind> = {
  [MembershipTarget.FORUM]: { target: 'Forum', noun: 'forum', nouns: 'forums', member: 'member', link: 'membership', verb: 'belongs to', role: MembershipRole, defaultRole: MembershipRole.MEMBER },
  [MembershipTarget.BODY]: { target: 'Body', noun: 'body', nouns: 'bodies', member: 'member', link: 'membership', verb: 'belongs to', role: MembershipRole, defaultRole: MembershipRole.MEMBER },
  [MembershipTarget.PROJECT]: {
    target: 'Project', noun: 'project', nouns: 'projects', member: 'participant', link: 'participation', verb: 'takes part in', role: ParticipationRole, defaultRole: ParticipationRole.PARTNER,
  },
};

/** "Member" or "Participant": the part of the GraphQL names that says what a linked organisation is. */
export const memberName = (kind: LinkKind) => (kind.member === 'member' ? 'Member' : 'Participant');

/** The argument naming the target, e.g. "forumId". */
export const targetIdField = (kind: LinkKind) => `${kind.noun}Id`;

/** Why a link ended. */
export enum LinkEndReason {
  LEFT = 'LEFT',
  ROLE_CHANGED = 'ROLE_CHANGED',
  TARGET_ENDED = 'TARGET_ENDED',
  ORGANISATION_CLOSED = 'ORGANISATION_CLOSED',
  OTHER = 'OTHER',
}

registerEnumType(LinkEndReason, {
  name: 'LinkEndReason',
  description: 'Why a membership or participation ended.',
  valuesConfig: {
    LEFT: { description: 'The organisation left (Austritt).' },
    ROLE_CHANGED: { description: 'It stayed with another role: the next period, from the same day, holds the new role.' },
    TARGET_ENDED: { description: 'The forum, body or project ended.' },
    ORGANISATION_CLOSED: { description: 'The organisation closed or merged into another.' },
    OTHER: { description: 'Another reason.' },
  },
});
