import { ArrayMaxSize, IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { LongText, Name, ShortText, UpdateInputType, ValidSlug } from '../common/write.inputs';
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

const FIELD_CODES = /^(I|II|III|IV|V)$/;

@InputType({ description: 'Changes to a project. Omitted fields stay; null clears; lists replace the whole list.' })
export class ProjectPatch {
  @Field(() => String, { nullable: true }) @IsOptional() @Name() name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @ShortText(100) shortName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @LongText() description?: string | null;
  @Field(() => ProjectStatus, { nullable: true }) status?: ProjectStatus | null;
  @Field(() => Boolean, { nullable: true }) isLighthouse?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Codes "I" … "V".' })
  @IsOptional()
  @Matches(FIELD_CODES, { each: true, message: 'each field of action is a code "I" … "V"', context: { code: 'UNKNOWN' } })
  @ArrayMaxSize(5)
  fieldsOfAction?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'The forums the project is connected with.' })
  @IsOptional()
  @ArrayMaxSize(50)
  forumIds?: string[] | null;
}

@InputType({ description: 'A new project (coordinators).' })
export class CreateProjectInput extends ProjectPatch {
  @Field(() => String, { description: 'Readable key, e.g. "sprachcafe"; cannot change later.' }) @ValidSlug() @ShortText(100) slug!: string;
  @Field(() => String) @Name() declare name: string;
  @Field(() => ProjectStatus) declare status: ProjectStatus;
}

export const UpdateProjectInput = UpdateInputType('UpdateProjectInput', ProjectPatch, 'Updates a project (coordinators).');
