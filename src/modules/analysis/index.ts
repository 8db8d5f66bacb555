import type { FeatureModule } from '../common/feature-module';
import { CoverageCellResolver, CoverageResolver, CoverageRowResolver } from './coverage';
import { GapsResolver } from './gaps';
import { NetworkContextResolver, NetworkEdgeResolver, NetworkNodeResolver, NetworkResolver } from './network';

/** Reads the directory as a whole; no tables of its own (its caches are keyed by the data version). */
export const analysisModule: FeatureModule = {
  resolvers: [
    CoverageResolver, CoverageRowResolver, CoverageCellResolver,
    GapsResolver,
    NetworkResolver, NetworkNodeResolver, NetworkEdgeResolver, NetworkContextResolver,
  ],
};
