import { Authorized, type AuthCheckerFn } from 'type-graphql';
import type { Context, Viewer } from '../../graph/context';
import { ApiError } from '../../graph/errors';
import { fromGlobalId } from '../../graph/node';
import { Role } from './auth.enums';

/*
 * Authorization, in one place. Fields and mutations declare what they need with the
 * decorators below (type-graphql's @Authorized); `authChecker` decides, before the resolver
 * runs. Without a token: UNAUTHENTICATED; with a token that may not: FORBIDDEN.
 */

type Args = Record<string, any>;

export type Rule =
  | { need: 'authenticated' }
  | { need: 'coordinator' }
  | { need: 'admin' }
  /** May edit the organisation whose global id `organisationOf(args)` returns. */
  | { need: 'editor'; organisationOf: (args: Args) => string | undefined; argument: string };

const COORDINATING = new Set<string>([Role.COORDINATOR, Role.ADMIN]);

export const isCoordinator = (viewer: Viewer | null) => viewer !== null && COORDINATING.has(viewer.role);

export function requireViewer(viewer: Viewer | null, what: string): Viewer {
  if (!viewer) throw new ApiError('UNAUTHENTICATED', `${what} needs an API token (Authorization: Bearer <token>) or a signed-in session (POST /auth/session)`);
  return viewer;
}

export function requireCoordinator(viewer: Viewer | null, what: string): Viewer {
  const v = requireViewer(viewer, what);
  if (!COORDINATING.has(v.role)) throw new ApiError('FORBIDDEN', `${what} is for coordinators; this token is a ${v.role}`);
  return v;
}

/** True when the viewer may edit the organisation with this database id. */
export const mayEdit = (viewer: Viewer | null, organisationUuid: string) =>
  isCoordinator(viewer) || (viewer?.role === Role.PARTNER_EDITOR && viewer.organisationIds.includes(organisationUuid));

export function requireEditor(viewer: Viewer | null, organisationUuid: string, what: string): Viewer {
  const v = requireViewer(viewer, what);
  if (!mayEdit(v, organisationUuid)) throw new ApiError('FORBIDDEN', `${what}: this token may not edit that organisation`);
  return v;
}

function check(rule: Rule, viewer: Viewer | null, args: Args, what: string) {
  switch (rule.need) {
    case 'authenticated':
      return requireViewer(viewer, what);
    case 'coordinator':
      return requireCoordinator(viewer, what);
    case 'admin': {
      const v = requireViewer(viewer, what);
      if (v.role !== Role.ADMIN) throw new ApiError('FORBIDDEN', `${what} is for administrators`);
      return v;
    }
    case 'editor': {
      requireViewer(viewer, what);
      const id = rule.organisationOf(args);
      if (id === undefined) throw new ApiError('BAD_USER_INPUT', `${rule.argument} is required`, { argument: rule.argument });
      const { type, uuid } = fromGlobalId(id, rule.argument);
      if (type !== 'Organisation') throw new ApiError('BAD_USER_INPUT', `${rule.argument} must be the id of an organisation`, { argument: rule.argument });
      return requireEditor(viewer, uuid, what);
    }
  }
}

export const authChecker: AuthCheckerFn<Context, Rule> = ({ context, args, info }, rules) => {
  const what = `${info.parentType.name}.${info.fieldName}`;
  for (const rule of rules) check(rule, context.viewer, args, what);
  return true;
};

/** Only with a token (any role). */
export const Authenticated = () => Authorized<Rule>({ need: 'authenticated' });
/** Only coordinators and administrators. */
export const CoordinatorOnly = () => Authorized<Rule>({ need: 'coordinator' });
/** Coordinators, and partner editors of the organisation the arguments name. */
export const EditorOf = (argument: string, organisationOf: (args: Args) => string | undefined) =>
  Authorized<Rule>({ need: 'editor', organisationOf, argument });
