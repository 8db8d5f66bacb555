import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, registerEnumType, Resolver, Root, Arg, Info } from 'type-graphql';
import { PageArgs, pageRequest } from '../../graph/connection';
import { ListSize } from '../../graph/cost';
import type { Context } from '../../graph/context';
import { AS_OF_DESCRIPTION, asOfDay, DateScalar, type Day } from '../../graph/day';
import { FIELDS_OF_ACTION, FIELDS_OF_ACTION_COUNT } from '../field-of-action/field-of-action.loaders';
import { FieldOfAction } from '../field-of-action/field-of-action.type';
import { GovernanceLevel, OrganisationKind } from '../organisation/organisation.enums';
import { OrganisationConnection } from '../organisation/organisation.type';
import { SOCIAL_AREAS } from '../social-area/social-area.loaders';
import { SocialArea } from '../social-area/social-area.type';
import { coverageCellOrganisations } from './analysis.loaders';
import { COVERAGE_COLUMN, coverageColumns, coverageCounts } from './analysis.sql';

export enum CoverageDimension {
  KIND = 'KIND',
  LEVEL = 'LEVEL',
  SOCIAL_AREA = 'SOCIAL_AREA',
}

registerEnumType(CoverageDimension, {
  name: 'CoverageDimension',
  description: 'What the columns of the coverage matrix are: kinds of organisation, levels, or social areas.',
  valuesConfig: {
    SOCIAL_AREA: {
      description:
        'The 20 social areas at the finest level (12 Stadtbezirke, 8 Stadtteile, by position; the columns are their slugs). ' +
        'A cell counts the organisations serving the area, directly or through an area containing it (a city-wide service counts in every column); ' +
        'organisations stating no service area count in no column, only in the totals.',
    },
  },
});


@ObjectType({ description: 'How many organisations of one kind (or level, or serving one social area) cover one field of action.' })
export class CoverageCell {
  @Field(() => OrganisationKind, { nullable: true, description: 'The kind (when the matrix is by KIND).' })
  kind!: OrganisationKind | null;

  @Field(() => GovernanceLevel, { nullable: true, description: 'The level (when the matrix is by LEVEL).' })
  level!: GovernanceLevel | null;

  @Field(() => Int, { description: 'Number of organisations.' })
  count!: number;

  socialAreaSlug?: string | null;

  fieldUuid!: string;
  dimension!: CoverageDimension;
  value!: string;
  day!: Day;
}

@ObjectType({ description: 'One field of action across the columns of the matrix.' })
export class CoverageRow {
  @Field(() => Int, { description: 'Organisations covering the field, of any kind.' })
  total!: number;

  @Field(() => [CoverageCell], { description: 'One cell per column, in the order of `columns`; zero where nobody covers.' })
  @ListSize({ fixed: Math.max(Object.keys(OrganisationKind).length, Object.keys(GovernanceLevel).length) })
  cells!: CoverageCell[];

  fieldUuid!: string;
}

@ObjectType({ description: 'Organisations per field of action × kind (or × level), counted in PostgreSQL.' })
export class CoverageMatrix {
  @Field(() => CoverageDimension)
  dimension!: CoverageDimension;

  @Field(() => [String], {
    description: 'The columns: the kinds (or levels) present in the directory, alphabetically; or the slugs of the finest social areas, by position.',
  })
  columns!: string[];

  @Field(() => [CoverageRow], { description: 'One row per field of action, I … V.' })
  @ListSize({ fixed: FIELDS_OF_ACTION_COUNT })
  rows!: CoverageRow[];

  @Field(() => Int, { description: 'Organisations covering at least one field.' })
  total!: number;

  @Field(() => DateScalar, { description: 'The day the matrix describes.' })
  asOf!: Day;
}


@Resolver(() => CoverageMatrix)
export class CoverageResolver {
  @Query(() => CoverageMatrix, {
    description: 'Which partners cover which field of action: organisations per field × kind (or × level). Each cell lists its organisations.',
  })
  async coverage(
    @Arg('by', () => CoverageDimension, { defaultValue: CoverageDimension.KIND, description: 'Columns by KIND, LEVEL or SOCIAL_AREA.' }) by: CoverageDimension,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF_DESCRIPTION }) asOf: Day | null,
    @Ctx() ctx: Context,
  ): Promise<CoverageMatrix> {
    const column = COVERAGE_COLUMN[by];
    const day = asOfDay(asOf);
    const [counts, columns, fields] = await Promise.all([
      coverageCounts(ctx.sql, column, day),
      coverageColumns(ctx.sql, column, day),
      FIELDS_OF_ACTION.all(ctx),
    ]);
    const cell = new Map(counts.filter((c) => c.field && c.value).map((c) => [`${c.field}|${c.value}`, c.count]));
    const rowTotal = new Map(counts.filter((c) => c.field && !c.value).map((c) => [c.field, c.count]));
    const values = columns.map((c) => c.value);
    return {
      dimension: by,
      asOf: day,
      columns: values,
      total: counts.find((c) => !c.field && !c.value)?.count ?? 0,
      rows: fields.map((f) => ({
        fieldUuid: f.uuid,
        total: rowTotal.get(f.uuid) ?? 0,
        cells: values.map((value) => ({
          fieldUuid: f.uuid,
          dimension: by,
          value,
          day,
          kind: by === CoverageDimension.KIND ? (value as OrganisationKind) : null,
          level: by === CoverageDimension.LEVEL ? (value as GovernanceLevel) : null,
          socialAreaSlug: by === CoverageDimension.SOCIAL_AREA ? value : null,
          count: cell.get(`${f.uuid}|${value}`) ?? 0,
        })),
      })),
    };
  }
}

@Resolver(() => CoverageRow)
export class CoverageRowResolver {
  @FieldResolver(() => FieldOfAction, { description: 'The field of action of this row.' })
  fieldOfAction(@Root() row: CoverageRow, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.byId(ctx, row.fieldUuid);
  }
}

@Resolver(() => CoverageCell)
export class CoverageCellResolver {
  @FieldResolver(() => FieldOfAction, { description: 'The field of action of this cell.' })
  fieldOfAction(@Root() cell: CoverageCell, @Ctx() ctx: Context) {
    return FIELDS_OF_ACTION.byId(ctx, cell.fieldUuid);
  }

  @FieldResolver(() => SocialArea, { nullable: true, description: 'The social area (when the matrix is by SOCIAL_AREA).' })
  socialArea(@Root() cell: CoverageCell, @Ctx() ctx: Context) {
    return cell.socialAreaSlug ? SOCIAL_AREAS.byKey(ctx, 'slug', cell.socialAreaSlug) : null;
  }

  @FieldResolver(() => OrganisationConnection, { description: 'The organisations behind the count, alphabetically.' })
  organisations(@Root() cell: CoverageCell, @Args() page: PageArgs, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    return coverageCellOrganisations(ctx, COVERAGE_COLUMN[cell.dimension], cell.fieldUuid, cell.value, pageRequest(page, info), cell.day);
  }
}
