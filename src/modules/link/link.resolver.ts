import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import type { Context } from '../../graph/context';
import { AS_OF_DESCRIPTION, asOfDay, DateScalar, type Day } from '../../graph/day';
import type { BodyRow } from '../body/body.loaders';
import { Body } from '../body/body.type';
import type { ForumRow } from '../forum/forum.loaders';
import { Forum } from '../forum/forum.type';
import { ORGANISATIONS, type OrganisationRow } from '../organisation/organisation.loaders';
import { Organisation } from '../organisation/organisation.type';
import type { ProjectRow } from '../project/project.loaders';
import { Project } from '../project/project.type';
import { MembershipTarget } from './link.enums';
import { LinkPageArgs } from './link.inputs';
import { chairOfBody, LINKS, linkHistory, type LinkPeriodRow } from './link.loaders';
import { BODY_LINKS, FORUM_LINKS, LinkPeriod, LinkPeriodConnection, MembershipTargetUnion, PROJECT_LINKS } from './link.type';

/*
 * The link fields of the nodes on both ends: members and participants of forums, bodies and
 * projects, and what an organisation takes part in.
 */

@Resolver(() => Forum)
export class ForumLinkResolver {
  @FieldResolver(() => FORUM_LINKS.members, {
    description: 'Who sits in the forum, with their role, alphabetically. The seed lists are open ("u.a."): members can be added.',
  })
  members(@Root() forum: ForumRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.FORUM].organisations(ctx, forum.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => LinkPeriodConnection, { description: 'Who joined the forum when, and who left when and why: every period of membership, the latest start first.' })
  memberHistory(@Root() forum: ForumRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return linkHistory(ctx, 'target_id', forum.uuid, pageRequest(page, info), MembershipTarget.FORUM);
  }
}

@Resolver(() => Body)
export class BodyLinkResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation that leads the body (member with role CHAIR), if any.' })
  chair(@Root() body: BodyRow, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Day | null, @Ctx() ctx: Context) {
    return chairOfBody(ctx, body.uuid, asOfDay(asOf));
  }

  @FieldResolver(() => BODY_LINKS.members, { description: 'Who sits in the body, with their role, alphabetically.' })
  members(@Root() body: BodyRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.BODY].organisations(ctx, body.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => LinkPeriodConnection, { description: 'Every period of membership in the body, the latest start first.' })
  memberHistory(@Root() body: BodyRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return linkHistory(ctx, 'target_id', body.uuid, pageRequest(page, info), MembershipTarget.BODY);
  }
}

@Resolver(() => Project)
export class ProjectLinkResolver {
  @FieldResolver(() => PROJECT_LINKS.members, { description: 'Who takes part in the project, with their role (LEAD, PARTNER, FUNDER).' })
  participants(@Root() project: ProjectRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.PROJECT].organisations(ctx, project.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => LinkPeriodConnection, { description: 'Every period of participation in the project, the latest start first.' })
  participantHistory(@Root() project: ProjectRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return linkHistory(ctx, 'target_id', project.uuid, pageRequest(page, info), MembershipTarget.PROJECT);
  }
}

@Resolver(() => Organisation)
export class OrganisationLinkResolver {
  @FieldResolver(() => FORUM_LINKS.ofOrganisation, { description: 'The forums the organisation is a member of, with its role.' })
  forums(@Root() org: OrganisationRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.FORUM].targets(ctx, org.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => BODY_LINKS.ofOrganisation, { description: 'The steering and advisory bodies the organisation sits in, with its role.' })
  bodies(@Root() org: OrganisationRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.BODY].targets(ctx, org.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => PROJECT_LINKS.ofOrganisation, { description: 'The projects the organisation takes part in, with its role.' })
  projects(@Root() org: OrganisationRow, @Args() page: LinkPageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return LINKS[MembershipTarget.PROJECT].targets(ctx, org.uuid, pageRequest(page, info), asOfDay(page.asOf));
  }

  @FieldResolver(() => LinkPeriodConnection, {
    description: 'Every period of the organisation in forums, bodies and projects, ended ones too, the latest start first: its history in the network.',
  })
  linkHistory(@Root() org: OrganisationRow, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return linkHistory(ctx, 'organisation_id', org.uuid, pageRequest(page, info));
  }
}

@Resolver(() => LinkPeriod)
export class LinkPeriodResolver {
  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation.' })
  organisation(@Root() period: LinkPeriodRow, @Ctx() ctx: Context) {
    return ORGANISATIONS.byId(ctx, period.organisationUuid);
  }

  @FieldResolver(() => MembershipTargetUnion, { nullable: true, description: 'The forum, body or project; null when it was archived since.' })
  target(@Root() period: LinkPeriodRow, @Ctx() ctx: Context) {
    return LINKS[period.kind].target(ctx, period.targetUuid);
  }
}
