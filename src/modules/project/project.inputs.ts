import { Field, InputType } from 'type-graphql';
import { ProjectStatus } from './project.enums';

@InputType({ description: 'Narrows a list of projects; all given conditions must hold.' })
export class ProjectFilter {
  @Field(() => String, { nullable: true, description: 'Words to look for in name and description (German-aware, typo-tolerant).' })
  search?: string | null;

  @Field(() => [ProjectStatus], { nullable: true, description: 'Only projects in one of these states.' })
  statuses?: ProjectStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only lighthouse projects (true) or only the others (false).' })
  isLighthouse?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only projects in this field of action (code "I" … "V").' })
  fieldOfAction?: string | null;

  @Field(() => String, { nullable: true, description: 'Only projects connected with this forum (code "I" … "V").' })
  forum?: string | null;

  @Field(() => String, { nullable: true, description: 'Only projects this organisation takes part in (slug).' })
  participant?: string | null;
}
