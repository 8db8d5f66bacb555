import type { FeatureModule } from '../common/feature-module';
import { Project as ProjectEntity, PROJECT_SEARCH } from './project.entity';
import { PROJECTS } from './project.loaders';
import { ProjectMutations } from './project.mutations';
import { ProjectResolver } from './project.resolver';
import { Project } from './project.type';

export const projectModule: FeatureModule = {
  entities: [ProjectEntity],
  resolvers: [ProjectResolver, ProjectMutations],
  nodes: [{ source: PROJECTS, search: PROJECT_SEARCH, graphqlType: Project }],
};

declare module '../../graph/node' {
  interface IdTypes {
    Project: true;
  }
}
