import { orderedBy } from '../../graph/connection';
import { baseColumns } from '../common/columns';
import { NodeSource, Relation } from '../common/node-source';
import type { ProjectRow } from './project.type';

export const PROJECTS = new NodeSource<ProjectRow>(
  'Project',
  'project',
  'p',
  `${baseColumns('p')}, p.slug, p.name, p.short_name as "shortName", p.description, p.status,
   p.is_lighthouse as "isLighthouse", ig_fold(coalesce(p.short_name, p.name)) as "sortName"`,
  orderedBy('sortName', 'text'),
);

/** The relations that lead to projects. */
export const TO_PROJECTS = {
  ofOrganisation: {
    name: 'ofOrganisation',
    from: 'project_participation m join project p on p.id = m.project_id and m.archived_at is null',
    parent: 'm.organisation_id',
    columns: 'm.role',
    edge: (row) => ({ role: row.role }),
  },
  ofField: { name: 'ofField', from: 'project_field_of_action x join project p on p.id = x.project_id', parent: 'x.field_of_action_id' },
  ofForum: { name: 'ofForum', from: 'project_forum x join project p on p.id = x.project_id', parent: 'x.forum_id' },
} satisfies Record<string, Relation<ProjectRow>>;
