import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graph/connection';
import { AS_OF_DESCRIPTION, DateScalar, type Day } from '../../graph/day';
import { LINK_KIND, LinkEndReason, MembershipTarget, memberName, targetIdField } from './link.enums';

/** The input of adding an organisation to a target, e.g. `{ forumId, organisationId, role, since }`. */
export type AddLinkInput = Record<string, string> & { organisationId: string; role: string; since?: Day | null };
/** The input of removing an organisation from a target, e.g. `{ forumId, organisationId, until, reason }`. */
export type RemoveLinkInput = Record<string, string> & { organisationId: string; until?: Day | null; reason?: LinkEndReason | null };

/**
 * The inputs of adding and removing one kind of link (ForumMemberInput and
 * RemoveForumMemberInput, …), made from the kind's description.
 */
function linkInputs(target: MembershipTarget) {
  const kind = LINK_KIND[target];
  const name = `${kind.target}${memberName(kind)}Input`;
  const targetId = targetIdField(kind);

  @InputType(name, { description: `Adds an organisation to a ${kind.noun}, or changes its role there (coordinators).` })
  class AddInput {
    @Field(() => ID) organisationId!: string;
    @Field(() => kind.role, { defaultValue: kind.defaultRole }) role: string = kind.defaultRole;
    @Field(() => DateScalar, {
      nullable: true,
      description: `The day the ${kind.link} (or the new role) starts; default today, never after today. For a role change, the old role ends that day.`,
    })
    since?: Day | null;
  }
  Field(() => ID)(AddInput.prototype, targetId);

  @InputType(`Remove${name}`, {
    description: `Ends an organisation's ${kind.link} in a ${kind.noun} (coordinators). Nothing is deleted: the ${kind.link} keeps its period.`,
  })
  class RemoveInput {
    @Field(() => ID) organisationId!: string;
    @Field(() => DateScalar, { nullable: true, description: `The day the ${kind.link} ends: the first day it no longer holds. Default today, never after today.` })
    until?: Day | null;
    @Field(() => LinkEndReason, { nullable: true, description: 'Why it ends. Default LEFT.' })
    reason?: LinkEndReason | null;
  }
  Field(() => ID)(RemoveInput.prototype, targetId);

  return { add: AddInput as new () => AddLinkInput, remove: RemoveInput as new () => RemoveLinkInput };
}

export const LINK_INPUTS = {
  [MembershipTarget.FORUM]: linkInputs(MembershipTarget.FORUM),
  [MembershipTarget.BODY]: linkInputs(MembershipTarget.BODY),
  [MembershipTarget.PROJECT]: linkInputs(MembershipTarget.PROJECT),
};

/** The arguments of a list of links: a page of it as it stood on a day. */
@ArgsType()
export class LinkPageArgs extends PageArgs {
  @Field(() => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION })
  asOf?: Day | null;
}
