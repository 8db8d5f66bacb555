
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graph/context';
import { AS_OF_DESCRIPTION, asOfDay, DateScalar, type Day } from '../../graph/day';
import { ListSize } from '../../graph/cost';
import { badInput } from '../../graph/errors';
import { FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { FORUMS } from '../forum/forum.loaders';
import { Forum } from '../forum/forum.type';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { gapRows } from './analysis.loaders';

export enum GapType {
  THIN_FIELD = 'THIN_FIELD',
  THIN_FORUM = 'THIN_FORUM',
  KIND_MISSING_IN_FIELD = 'KIND_MISSING_IN_FIELD',
  LEVEL_MISSING_IN_FORUM = 'LEVEL_MISSING_IN_FORUM',
}

registerEnumType(GapType, {
  name: 'GapType',
  description: 'What is missing.',
  valuesConfig: {
    THIN_FIELD: { description: 'A field of action covered by fewer than `minPartners` organisations.' },
    THIN_FORUM: { description: 'A forum with fewer than `minPartners` members.' },
    KIND_MISSING_IN_FIELD: { description: 'No organisation of a kind covers a field (e.g. no housing company in "Wohnen").' },
    LEVEL_MISSING_IN_FORUM: { description: 'A forum without a member from a level (e.g. no federal partner).' },
  },
});

@ObjectType({ description: 'A gap in the partner network, found in PostgreSQL.' })
export class CoverageGap {
  @Field(() => GapType)
  type!: GapType;

  @Field(() => String, { description: 'The gap in words (German), e.g. "Handlungsfeld IV Gesundheit: 0 Partner (weniger als 3)".' })
  description!: string;

  @Field(() => Int, { description: 'Partners there are (0 for a missing kind or level).' })
  count!: number;

  @Field(() => Int, { nullable: true, description: 'The threshold it falls below (THIN_* gaps).' })
  threshold!: number | null;

  @Field(() => OrganisationKind, { nullable: true })
  kind!: OrganisationKind | null;

  @Field(() => GovernanceLevel, { nullable: true })
  level!: GovernanceLevel | null;

  fieldUuid!: string | null;
  forumUuid!: string | null;
}


@Resolver(() => CoverageGap)
export class GapsResolver {
  @Query(() => [CoverageGap], {
    description:
      'Where the network is thin: fields of action and forums with fewer than `minPartners` partners, kinds of organisation ' +
      'missing from a field, forums without a member from a level. Kinds and levels default to those present in the directory.',
  })
  // Five fields × the kinds, and the forums × the levels: hundreds at most in a directory of thousands.
  @ListSize({ fixed: 500 })
  async gaps(
    @Arg('minPartners', () => Int, { defaultValue: 3, description: 'Fewer partners than this is thin.' }) minPartners: number,
    @Arg('kinds', () => [OrganisationKind], { nullable: true, description: 'Kinds to look for in every field.' }) kinds: OrganisationKind[] | null,
    @Arg('levels', () => [GovernanceLevel], { nullable: true, description: 'Levels to look for in every forum.' }) levels: GovernanceLevel[] | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Day | null,
    @Ctx() ctx: Context,
  ): Promise<CoverageGap[]> {
    if (!Number.isInteger(minPartners) || minPartners < 0 || minPartners > 10000) throw badInput('minPartners must be between 0 and 10000', 'minPartners');
    const rows = await gapRows(ctx.sql, asOfDay(asOf), minPartners, kinds, levels);
    return rows.map((r) => ({
      type: r.type,
      fieldUuid: r.field_id,
      forumUuid: r.forum_id,
      kind: r.kind,
      level: r.level,
      count: r.count,
      threshold: r.type === GapType.THIN_FIELD || r.type === GapType.THIN_FORUM ? minPartners : null,
      description:
        r.type === GapType.KIND_MISSING_IN_FIELD ? `${r.label}: keine Organisation der Art ${r.kind}`
        : r.type === GapType.LEVEL_MISSING_IN_FORUM ? `${r.label}: kein Mitglied der Ebene ${r.level}`
        : `${r.label}: ${r.count} Partner (weniger als ${minPartners})`,
    }));
  }

  @FieldResolver(() => FieldOfAction, { nullable: true, description: 'The field of action, for field gaps.' })
  fieldOfAction(@Root() gap: CoverageGap, @Ctx() ctx: Context) {
    return gap.fieldUuid ? FIELDS_OF_ACTION.byId(ctx, gap.fieldUuid) : null;
  }

  @FieldResolver(() => Forum, { nullable: true, description: 'The forum, for forum gaps.' })
  forum(@Root() gap: CoverageGap, @Ctx() ctx: Context) {
    return gap.forumUuid ? FORUMS.byId(ctx, gap.forumUuid) : null;
  }
}

