import { Field, Float, ObjectType } from 'type-graphql';
import { ListSize } from '../../graph/cost';
import { DateScalar, type Day } from '../../graph/day';
import { IndicatorMeasure, IndicatorUnit, MonitoringInterval } from './monitoring.enums';

/*
 * The list sizes below are typical, not the largest: a series has at most 240 periods, and
 * the indicators grow with the forums, kinds and levels in the data. The answer is computed
 * in a fixed number of statements whatever is selected, so the cost only guards nesting.
 */

@ObjectType({ description: 'One period of a monitoring series: a calendar month, quarter or year, cut to the range asked for.' })
export class MonitoringPeriod {
  @Field(() => String, { description: 'The period, e.g. "2024-03" (month), "2024-Q1" (quarter), "2024" (year).' })
  label!: string;

  @Field(() => DateScalar, { description: 'Its first day (the range\'s first day for the first period).' })
  start!: Day;

  @Field(() => DateScalar, { description: 'Its last day (the range\'s last day for the last period): the day stock indicators describe.' })
  end!: Day;
}

@ObjectType({ description: 'The value of an indicator in one period. Every period has a value: zero when nothing was counted.' })
export class IndicatorValue {
  @Field(() => String, { description: 'The period\'s label, as in `Monitoring.periods`.' })
  period!: string;

  @Field(() => DateScalar, { description: 'The period\'s first day.' })
  start!: Day;

  @Field(() => DateScalar, { description: 'The period\'s last day.' })
  end!: Day;

  @Field(() => Float, { description: 'The value: a whole number for COUNT, between 0 and 1 for SHARE.' })
  value!: number;
}

@ObjectType({ description: 'A time series of one indicator of the partner network, with what it means.' })
export class Indicator {
  @Field(() => String, {
    description:
      'Stable code: the group, then the key for indicators per field, kind, level or forum, e.g. "active_partners", ' +
      '"active_partners.field.III", "active_partners.kind.WELFARE_ASSOCIATION", "forum_members.II".',
  })
  code!: string;

  @Field(() => String, { description: 'The group the indicator belongs to: its code without the key, e.g. "active_partners.field".' })
  group!: string;

  @Field(() => String, { nullable: true, description: 'The key within the group (a field\'s or forum\'s code, a kind, a level); null for an indicator without one.' })
  key!: string | null;

  @Field(() => String, { description: 'The label in German, e.g. "Aktive Partner – Handlungsfeld I Bildung und Soziale Beratung".' })
  label!: string;

  @Field(() => String, { description: 'The label in English.' })
  labelEn!: string;

  @Field(() => String, { description: 'What is counted and on which day, in German.' })
  definition!: string;

  @Field(() => String, { description: 'What is counted and on which day, in English.' })
  definitionEn!: string;

  @Field(() => IndicatorUnit)
  unit!: IndicatorUnit;

  @Field(() => IndicatorMeasure, { description: 'STOCK: the state on the period\'s last day; FLOW: what happened within the period.' })
  measure!: IndicatorMeasure;

  @Field(() => [IndicatorValue], { description: 'One value per period, in order, zeros included.' })
  @ListSize({ fixed: 20 })
  values!: IndicatorValue[];
}

@ObjectType({ description: 'Indicators of the partner network over time, one value per period, computed in PostgreSQL from the dated links.' })
export class Monitoring {
  @Field(() => DateScalar, { description: 'The first day counted.' })
  from!: Day;

  @Field(() => DateScalar, { description: 'The last day counted (the `to` asked for, or today when that was later).' })
  to!: Day;

  @Field(() => MonitoringInterval)
  interval!: MonitoringInterval;

  @Field(() => [MonitoringPeriod], { description: 'The periods, in order.' })
  @ListSize({ fixed: 20 })
  periods!: MonitoringPeriod[];

  @Field(() => [Indicator], { description: 'The indicators, grouped, each group in a fixed order, the keys of a group in their order.' })
  @ListSize({ fixed: 60 })
  indicators!: Indicator[];
}
