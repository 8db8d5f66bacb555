import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { all } from '../common/write.inputs';

/** The longest endpoint URL taken. */
export const MAX_URL_LENGTH = 2000;

/*
 * The fields of a webhook as input: required URL when created, each optional in a patch. The
 * URL's syntax and address are checked by the resolver (webhookProblems), which resolves its host.
 */
const UrlField = (nullable: boolean) =>
  all(
    Field(() => String, {
      nullable,
      description:
        'An http(s) URL. Its host must resolve to public addresses: private, loopback and link-local targets are refused (PRIVATE_TARGET) unless the server allows their network (WEBHOOK_ALLOW_NETWORKS).',
    }),
    ...(nullable ? [IsOptional()] : []),
    MaxLength(MAX_URL_LENGTH, { message: `must be at most ${MAX_URL_LENGTH} characters` }),
  );
const ChangeTypesField = (meaningAll: string) =>
  all(
    Field(() => [String], { nullable: true, description: `The entry types to receive changes of, as in \`changes(filter: {types})\`; ${meaningAll}: all.` }),
    IsOptional(),
    ArrayMaxSize(20, { message: 'names at most 20 types' }),
  );
const DescriptionField = () =>
  all(
    Field(() => String, { nullable: true, description: 'What it is for (at most 200 characters).' }),
    IsOptional(),
    MaxLength(200, { message: 'must be at most 200 characters' }),
  );

@InputType('WebhookPatch', { description: 'Fields of a webhook to change; omitted ones stay.' })
export class WebhookPatch {
  @UrlField(true) url?: string | null;
  @ChangeTypesField('an empty list') changeTypes?: string[] | null;
  @DescriptionField() description?: string | null;
}

@InputType({ description: 'A new webhook.' })
export class CreateWebhookInput {
  @UrlField(false) url!: string;
  @ChangeTypesField('omitted or empty') changeTypes?: string[] | null;
  @DescriptionField() description?: string | null;
}

@InputType({ description: 'Changes a webhook.' })
export class UpdateWebhookInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' })
  expectedVersion!: number;

  @Field(() => WebhookPatch)
  @ValidateNested()
  patch!: WebhookPatch;

  @Field(() => Boolean, { nullable: true, description: 'A new signing secret (in the payload, once); the old one stops signing at once.' })
  renewSecret?: boolean | null;
}

@InputType({ description: 'Deletes a webhook: nothing more is sent to it.' })
export class DeleteWebhookInput {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: 'Sends a delivery again.' })
export class RetryWebhookDeliveryInput {
  @Field(() => ID)
  id!: string;
}
