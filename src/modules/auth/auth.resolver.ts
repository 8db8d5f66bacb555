import { Arg, Args, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType, EdgeType, PageArgs } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { ListSize } from '../../graph/cost';
import { ApiError } from '../../graph/errors';
import { fromGlobalId, toGlobalId } from '../../graph/node';
import { userErrorsOf, write } from '../common/write';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { Organisation as OrganisationEntity } from '../organisation/organisation.entity';
import { Organisation } from '../organisation/organisation.type';
import { ApiToken as ApiTokenEntity } from './api-token.entity';
import { readToken, tokenPage } from './auth.loaders';
import { Role } from './auth.enums';
import { ApiToken, CreateApiTokenInput, MAX_TOKEN_ORGANISATIONS, CreateApiTokenPayload, RevokeApiTokenInput, RevokeApiTokenPayload, Viewer } from './auth.type';
import { Authenticated, CoordinatorOnly, isCoordinator } from './policy';
import { issueToken } from './tokens';

@ObjectType({ description: 'An API token in a list.' })
class ApiTokenEdge extends EdgeType(ApiToken, 'token') {}

@ObjectType({ description: 'A page of API tokens.' })
class ApiTokenConnection extends ConnectionType(ApiTokenEdge, ApiToken, 'token') {}

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who the request\'s token belongs to; null without a token.' })
  viewer(@Ctx() ctx: Context): Viewer | null {
    const v = ctx.viewer;
    return v && { tokenId: toGlobalId('ApiToken', v.tokenId), name: v.name, role: v.role as Role, expiresAt: v.expiresAt };
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations this token may edit (a PARTNER_EDITOR\'s own; empty for coordinators, who may edit all).' })
  @ListSize({ fixed: MAX_TOKEN_ORGANISATIONS })
  async organisations(@Ctx() ctx: Context) {
    const rows = await Promise.all((ctx.viewer?.organisationIds ?? []).map((id) => ORGANISATIONS.byId(ctx, id)));
    return rows.filter(Boolean);
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Query(() => ApiTokenConnection, { description: 'The API tokens, newest first (coordinators).' })
  @CoordinatorOnly()
  apiTokens(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return tokenPage(ctx, page);
  }

  @FieldResolver(() => [Organisation], { description: 'The organisations a PARTNER_EDITOR token may edit.' })
  @ListSize({ fixed: MAX_TOKEN_ORGANISATIONS })
  async organisations(@Root() token: ApiToken, @Ctx() ctx: Context) {
    const rows = await Promise.all(token.organisationIds.map((id) => ORGANISATIONS.byId(ctx, id)));
    return rows.filter(Boolean);
  }

  @Mutation(() => CreateApiTokenPayload, {
    description: 'Issues an API token (coordinators; ADMIN tokens only by administrators). The secret is in the payload, once.',
  })
  @CoordinatorOnly()
  async createApiToken(@Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: Context): Promise<CreateApiTokenPayload> {
    const userErrors = await userErrorsOf(input);
    if (input.role === Role.ADMIN && ctx.viewer?.role !== Role.ADMIN) throw new ApiError('FORBIDDEN', 'Only administrators issue ADMIN tokens');
    const orgIds = (input.organisationIds ?? []).map((id, i) => {
      const { type, uuid } = fromGlobalId(id, `input.organisationIds[${i}]`);
      if (type !== 'Organisation') userErrors.push({ field: `organisationIds.${i}`, message: 'is not the id of an organisation', code: 'INVALID' });
      return uuid;
    });
    if (input.role === Role.PARTNER_EDITOR && orgIds.length === 0) {
      userErrors.push({ field: 'organisationIds', message: 'a PARTNER_EDITOR token needs at least one organisation', code: 'TOO_SHORT' });
    }
    if (userErrors.length) return { token: null, secret: null, userErrors };
    const issued = await write(ctx, async (tx) => {
      const organisations = await tx.em.find(OrganisationEntity, { id: { $in: orgIds }, archivedAt: null });
      if (organisations.length !== new Set(orgIds).size) throw new ApiError('NOT_FOUND', 'An organisation of organisationIds does not exist');
      const creator = await tx.em.findOneOrFail(ApiTokenEntity, { id: ctx.viewer!.tokenId });
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
      const { token, secret } = issueToken(tx.em, { name: input.name, role: input.role, organisations, expiresAt, createdBy: creator });
      tx.audit({
        action: 'CREATE', entityType: 'ApiToken', entityId: token.id, organisationId: organisations[0]?.id,
        changes: { name: { before: null, after: token.name }, role: { before: null, after: token.role }, organisations: { before: [], after: organisations.map((o) => o.slug) } },
      });
      return { uuid: token.id, secret };
    });
    return { token: await readToken(ctx, issued.uuid), secret: issued.secret, userErrors: [] };
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'Revokes a token at once (coordinators; any token may revoke itself).' })
  @Authenticated()
  async revokeApiToken(@Arg('input', () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() ctx: Context): Promise<RevokeApiTokenPayload> {
    const { type, uuid } = fromGlobalId(input.id, 'input.id');
    if (type !== 'ApiToken') throw new ApiError('BAD_USER_INPUT', 'input.id must be the id of an API token', { argument: 'input.id' });
    const self = uuid === ctx.viewer!.tokenId;
    if (!self && !isCoordinator(ctx.viewer)) throw new ApiError('FORBIDDEN', 'Only coordinators revoke other tokens');
    await write(ctx, async (tx) => {
      const token = await tx.em.findOne(ApiTokenEntity, { id: uuid });
      if (!token) throw new ApiError('NOT_FOUND', `No API token with id ${input.id}`);
      if (token.role === Role.ADMIN && !self && ctx.viewer!.role !== Role.ADMIN) throw new ApiError('FORBIDDEN', 'Only administrators revoke ADMIN tokens');
      if (token.revokedAt) return;
      token.revokedAt = new Date();
      tx.audit({ action: 'REVOKE', entityType: 'ApiToken', entityId: token.id, changes: { revokedAt: { before: null, after: token.revokedAt.toISOString() } } });
    });
    return { token: await readToken(ctx, uuid), userErrors: [] };
  }
}
