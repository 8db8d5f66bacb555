import type { FeatureModule } from '../common/feature-module';
import { FieldOfAction as FieldOfActionEntity, FIELD_OF_ACTION_SEARCH } from './field-of-action.entity';
import { FIELDS_OF_ACTION } from './field-of-action.loaders';
import { FieldOfActionResolver } from './field-of-action.resolver';
import { FieldOfAction } from './field-of-action.type';

export const fieldOfActionModule: FeatureModule = {
  entities: [FieldOfActionEntity],
  resolvers: [FieldOfActionResolver],
  nodes: [{ source: FIELDS_OF_ACTION, search: FIELD_OF_ACTION_SEARCH, graphqlType: FieldOfAction }],
};

declare module '../../graph/node' {
  interface IdTypes {
    FieldOfAction: true;
  }
}
