import { ArrayMaxSize, IsOptional, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError as UserErrorRef } from '../common/write';
import { Name } from '../common/write.inputs';
import { Role } from './auth.enums';

/** A partner's token edits its own organisations: a few, never the whole directory. */
export const MAX_TOKEN_ORGANISATIONS = 50;

@ObjectType('Viewer', { description: 'Who the request\'s token belongs to.' })
export class Viewer {
  @Field(() => ID, { description: 'Id of the token.' })
  tokenId!: string;

  @Field(() => String, { description: 'Name of the token, e.g. "Jugendamt – Website-Redaktion".' })
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date, { nullable: true, description: 'When the token stops working.' })
  expiresAt!: Date | null;
}

@ObjectType('ApiToken', { description: 'An API token. Its secret is shown once, when issued, and never again.' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'The first characters of the secret, to recognise it.' })
  prefix!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  /** Database ids of the organisations (resolved by the field resolver). */
  organisationIds!: string[];
}

@InputType({ description: 'A new API token.' })
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What the token is for, e.g. "Jugendamt – Website-Redaktion".' })
  @Name()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => [ID], { nullable: true, description: `The organisations a PARTNER_EDITOR may edit (at least one, at most ${MAX_TOKEN_ORGANISATIONS}).` })
  @IsOptional()
  @ArrayMaxSize(MAX_TOKEN_ORGANISATIONS)
  organisationIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Days until the token expires (1 … 3650); omit for no expiry.' })
  @IsOptional()
  @Min(1, { message: 'must be at least 1 day' })
  @Max(3650, { message: 'must be at most 3650 days' })
  expiresInDays?: number | null;
}

@InputType({ description: 'Revokes a token: it stops working at once.' })
export class RevokeApiTokenInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'The result of createApiToken.' })
export class CreateApiTokenPayload {
  @Field(() => ApiToken, { nullable: true })
  token!: ApiToken | null;

  @Field(() => String, { nullable: true, description: 'The secret: send it as "Authorization: Bearer <secret>". Shown only now.' })
  secret!: string | null;

  @Field(() => [UserErrorRef], { description: 'Problems with the input; when there are any, nothing was written.' })
  userErrors!: UserErrorRef[];
}

@ObjectType({ description: 'The result of revokeApiToken.' })
export class RevokeApiTokenPayload {
  @Field(() => ApiToken, { nullable: true })
  token!: ApiToken | null;

  @Field(() => [UserErrorRef])
  userErrors!: UserErrorRef[];
}
