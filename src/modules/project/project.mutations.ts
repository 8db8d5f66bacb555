import { ArrayMaxSize, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../graph/context';
import { CoordinatorOnly } from '../auth/policy';
import { archiveEntity, createEntity, EntityWriteConfig, updateEntity } from '../common/entity-writes';
import type { NodeSource } from '../common/node-source';
import { PayloadType } from '../common/write';
import { ArchiveInput, LongText, Name, ShortText, ValidSlug } from '../common/write.inputs';
import { Project as ProjectEntity } from './project.entity';
import { ProjectStatus } from './project.enums';
import { PROJECTS } from './project.loaders';
import { Project } from './project.type';

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

@InputType({ description: 'Updates a project (coordinators).' })
export class UpdateProjectInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; CONFLICT when it changed meanwhile.' }) expectedVersion!: number;
  @Field(() => ProjectPatch) @ValidateNested() patch!: ProjectPatch;
}

const CONFIG: EntityWriteConfig = {
  field: 'project', entity: ProjectEntity, type: 'Project', table: 'project', key: 'slug',
  scalars: ['name', 'shortName', 'description', 'status', 'isLighthouse'], source: PROJECTS as unknown as NodeSource<never>,
};

const CreateProjectPayload = PayloadType('CreateProject', 'project', Project, 'The result of createProject.');
const UpdateProjectPayload = PayloadType('UpdateProject', 'project', Project, 'The result of updateProject.');
const ArchiveProjectPayload = PayloadType('ArchiveProject', 'project', Project, 'The result of archiveProject.');

@Resolver(() => Project)
export class ProjectMutations {
  @Mutation(() => CreateProjectPayload, { description: 'Creates a project (coordinators).' })
  @CoordinatorOnly()
  createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() ctx: Context) {
    return createEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => UpdateProjectPayload, { description: 'Updates a project (coordinators); CONFLICT when `expectedVersion` is stale.' })
  @CoordinatorOnly()
  updateProject(@Arg('input', () => UpdateProjectInput) input: UpdateProjectInput, @Ctx() ctx: Context) {
    return updateEntity(ctx, CONFIG, input as never);
  }

  @Mutation(() => ArchiveProjectPayload, { description: 'Archives a project (coordinators): it leaves the public directory; nothing is deleted.' })
  @CoordinatorOnly()
  archiveProject(@Arg('input', () => ArchiveInput) input: ArchiveInput, @Ctx() ctx: Context) {
    return archiveEntity(ctx, CONFIG, input);
  }
}
