import type { NodeTypeName } from '../../graph/node';
import { BODIES } from '../body/body.loaders';
import { BODY_SEARCH } from '../body/body.entity';
import type { NodeSource } from '../common/node-source';
import type { SearchColumns } from '../common/search-index';
import { FIELD_OF_ACTION_SEARCH } from '../field-of-action/field-of-action.entity';
import { FIELDS_OF_ACTION } from '../field-of-action/field-of-action.loaders';
import { FORUM_SEARCH } from '../forum/forum.entity';
import { FORUMS } from '../forum/forum.loaders';
import { ORGANISATION_SEARCH } from '../organisation/organisation.entity';
import { ORGANISATIONS } from '../organisation/organisation.loaders';
import { PROJECT_SEARCH } from '../project/project.entity';
import { PROJECTS } from '../project/project.loaders';

export type PublicNodeType = 'Organisation' | 'FieldOfAction' | 'Forum' | 'Body' | 'Project';

/** Every public node type: how to load it by id, and how to search it. */
export const NODE_SOURCES: Record<PublicNodeType & NodeTypeName, { source: NodeSource<never>; search: SearchColumns }> = {
  Organisation: { source: ORGANISATIONS as unknown as NodeSource<never>, search: ORGANISATION_SEARCH },
  FieldOfAction: { source: FIELDS_OF_ACTION as unknown as NodeSource<never>, search: FIELD_OF_ACTION_SEARCH },
  Forum: { source: FORUMS as unknown as NodeSource<never>, search: FORUM_SEARCH },
  Body: { source: BODIES as unknown as NodeSource<never>, search: BODY_SEARCH },
  Project: { source: PROJECTS as unknown as NodeSource<never>, search: PROJECT_SEARCH },
};
