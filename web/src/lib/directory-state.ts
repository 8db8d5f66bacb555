import type { Schema } from 'integration-graph-client';
import { catalogues } from '../i18n/messages';

/**
 * The directory's search and filters, as they live in the URL (`?q=…&kind=SCHOOL&field=I`),
 * so that a filtered view can be shared, bookmarked and reloaded. Values the API would refuse
 * (an unknown kind) are dropped when read, not sent.
 */
export interface DirectoryState {
  q: string;
  kinds: Schema.OrganisationKind[];
  levels: Schema.GovernanceLevel[];
  field: string;
  forum: string;
  project: string;
  /** Slug of a social area: organisations serving it (directly or through an area containing it). */
  area: string;
}

const KINDS = new Set(Object.keys(catalogues.de.kinds));
const LEVELS = new Set(Object.keys(catalogues.de.levels));
/** The server refuses longer searches; the URL may hold anything. */
const MAX_QUERY = 200;

export function readDirectoryState(params: URLSearchParams): DirectoryState {
  const unique = (values: string[], known: Set<string>) => [...new Set(values.filter((v) => known.has(v)))];
  return {
    q: (params.get('q') ?? '').slice(0, MAX_QUERY),
    kinds: unique(params.getAll('kind'), KINDS) as Schema.OrganisationKind[],
    levels: unique(params.getAll('level'), LEVELS) as Schema.GovernanceLevel[],
    field: params.get('field') ?? '',
    forum: params.get('forum') ?? '',
    project: params.get('project') ?? '',
    area: params.get('area') ?? '',
  };
}

/** The URL parameters of a state: only what is set, in a fixed order, so equal states give equal URLs. */
export function writeDirectoryState(state: DirectoryState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  for (const kind of [...state.kinds].sort()) params.append('kind', kind);
  for (const level of [...state.levels].sort()) params.append('level', level);
  if (state.field) params.set('field', state.field);
  if (state.forum) params.set('forum', state.forum);
  if (state.project) params.set('project', state.project);
  if (state.area) params.set('area', state.area);
  return params;
}

/** The API's filter of a state. */
export function directoryFilter(state: DirectoryState): Schema.OrganisationFilter {
  return {
    search: state.q.trim() || undefined,
    kinds: state.kinds.length ? state.kinds : undefined,
    levels: state.levels.length ? state.levels : undefined,
    fieldOfAction: state.field || undefined,
    forum: state.forum || undefined,
    project: state.project || undefined,
    socialArea: state.area || undefined,
  };
}
