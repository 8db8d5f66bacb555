import { Field, ObjectType } from 'type-graphql';
import { ConnectionType, EdgeType } from '../../graph/connection';
import { Node, VersionedNode } from '../../graph/node';
import { ProjectStatus } from './project.enums';
import type { FieldsOf } from '../common/columns';
import type { PROJECT_COLUMNS } from './project.loaders';

@ObjectType('Project', {
  implements: Node,
  description: 'A project of the programme, e.g. the lighthouse project "Mama lernt Deutsch".',
})
export class Project extends VersionedNode implements FieldsOf<typeof PROJECT_COLUMNS, Project, 'sortName'> {
  @Field(() => String, { description: 'Stable, readable key, e.g. "mama-lernt-deutsch"; use it with `project(slug:)`.' })
  slug!: string;

  @Field(() => String, { description: 'Full name, e.g. "Sprachförderung „Mama lernt Deutsch“".' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Short name, e.g. "Mama lernt Deutsch".' })
  shortName!: string | null;

  @Field(() => String, { nullable: true, description: 'What the project does, in German.' })
  description!: string | null;

  @Field(() => ProjectStatus, { description: 'Where the project stands.' })
  status!: ProjectStatus;

  @Field(() => Boolean, { description: 'True for the lighthouse projects (Leuchtturmprojekte) the programme names.' })
  isLighthouse!: boolean;
}

@ObjectType({ description: 'A project in a list.' })
export class ProjectEdge extends EdgeType(Project, 'project') {}

@ObjectType({ description: 'A page of projects.' })
export class ProjectConnection extends ConnectionType(ProjectEdge, Project, 'project') {}
