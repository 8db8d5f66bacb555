import { registerIdTypes } from '../graph/node';
import { analysisModule } from './analysis';
import { auditModule } from './audit';
import { authModule } from './auth';
import { bodyModule } from './body';
import type { FeatureModule } from './common/feature-module';
import { fieldOfActionModule } from './field-of-action';
import { forumModule } from './forum';
import { linkModule } from './link';
import { membershipModule } from './membership';
import { monitoringModule } from './monitoring';
import { organisationModule } from './organisation';
import { projectModule } from './project';
import { searchModule } from './search';
import { socialAreaModule } from './social-area';
import { webhookModule } from './webhook';

/*
 * The feature modules of the API, each listed once: the one place to add a module. What each
 * contributes is in its own index.ts; the lists below are derived from them, and the wiring
 * (src/api.ts, src/app.ts) hands them to the infrastructure, which knows no module by name.
 */

/** The modules with public node types come first, in the order search lists those types. */
const features: FeatureModule[] = [
  organisationModule,
  fieldOfActionModule,
  forumModule,
  bodyModule,
  projectModule,
  socialAreaModule,
  linkModule,
  membershipModule,
  authModule,
  auditModule,
  analysisModule,
  monitoringModule,
  webhookModule,
];

/** Every public node type, in the order of `SearchResultType` and the `SearchResult` union. */
export const publicNodes = features.flatMap((m) => m.nodes ?? []);

/** Search reads the public nodes of all the others, so it is made from them. */
export const modules: FeatureModule[] = [...features, searchModule(publicNodes)];

/** The entities of every module (src/db adds its own table, the data version). */
export const entities = modules.flatMap((m) => m.entities ?? []);

/** The resolver classes of every module: the schema. */
export const resolvers = modules.flatMap((m) => m.resolvers ?? []);

/** The types global ids can name: the public node types, then the others modules hand out. */
export const idTypes = [...publicNodes.map((node) => node.source.type), ...modules.flatMap((m) => m.ids ?? [])];

// fromGlobalId is called from everywhere, with no context to hand the list to: it is handed
// over here, once, as the registry loads (before the schema is built or any id is read).
registerIdTypes(idTypes);
