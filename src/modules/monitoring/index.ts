import type { FeatureModule } from '../common/feature-module';
import { MonitoringResolver } from './monitoring.resolver';

/** Indicators of the network over time, read from the dated links; no tables of its own. */
export const monitoringModule: FeatureModule = {
  resolvers: [MonitoringResolver],
};
