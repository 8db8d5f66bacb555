import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { DateScalar, type Day } from '../../graph/day';
import { computeMonitoring, MAX_PERIODS, monitoringRequest } from './monitoring.compute';
import { MonitoringInterval } from './monitoring.enums';
import { MonitoringFilter } from './monitoring.inputs';
import { Monitoring } from './monitoring.type';

@Resolver(() => Monitoring)
export class MonitoringResolver {
  @Query(() => Monitoring, {
    description:
      'Indicators of the partner network over time: active partners (in total, per field of action, kind and level), links started ' +
      'and ended, members per forum, coverage cells filled, fields without partners, network density, connected groups and ' +
      'cross-linkage, one value per month, quarter or year. Stock indicators describe the last day of each period, flows count ' +
      'within it; each indicator\'s `definition` says which. Also as /export/monitoring.csv and /export/monitoring.html.',
  })
  monitoring(
    @Arg('from', () => DateScalar, { description: 'The first day to count.' }) from: Day,
    @Arg('to', () => DateScalar, { description: `The last day to count; a later day than today counts until today. At most ${MAX_PERIODS} periods.` }) to: Day,
    @Arg('interval', () => MonitoringInterval, { defaultValue: MonitoringInterval.QUARTER, description: 'The length of the periods.' }) interval: MonitoringInterval,
    @Arg('filter', () => MonitoringFilter, { nullable: true, description: 'Which organisations count; default all.' }) filter: MonitoringFilter | null,
    @Ctx() ctx: Context,
  ): Promise<Monitoring> {
    return computeMonitoring(ctx.sql, monitoringRequest({ from, to, interval, filter }));
  }
}
