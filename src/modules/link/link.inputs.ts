import { Field, ID, InputType } from 'type-graphql';
import { LINK_KIND, MembershipTarget, memberName, targetIdField } from './link.enums';

/** The input of adding an organisation to a target, e.g. `{ forumId, organisationId, role }`. */
export type AddLinkInput = Record<string, string> & { organisationId: string; role: string };
/** The input of removing an organisation from a target, e.g. `{ forumId, organisationId }`. */
export type RemoveLinkInput = Record<string, string> & { organisationId: string };

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
  }
  Field(() => ID)(AddInput.prototype, targetId);

  @InputType(`Remove${name}`, {
    description: `Removes an organisation from a ${kind.noun} (coordinators). The ${kind.link} is archived, not deleted.`,
  })
  class RemoveInput {
    @Field(() => ID) organisationId!: string;
  }
  Field(() => ID)(RemoveInput.prototype, targetId);

  return { add: AddInput as new () => AddLinkInput, remove: RemoveInput as new () => RemoveLinkInput };
}

export const LINK_INPUTS = {
  [MembershipTarget.FORUM]: linkInputs(MembershipTarget.FORUM),
  [MembershipTarget.BODY]: linkInputs(MembershipTarget.BODY),
  [MembershipTarget.PROJECT]: linkInputs(MembershipTarget.PROJECT),
};
