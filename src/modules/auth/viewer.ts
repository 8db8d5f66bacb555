import type { SqlRunner } from '../../db/database';
import type { Viewer } from '../../graph/context';
import { sessionCookieOf, sessionViewer } from './sessions';
import { authenticate } from './tokens';

/**
 * The viewer of a request: the token of its Authorization header (an invalid one fails the
 * request with UNAUTHENTICATED), else the session of its cookie (a stale one reads as
 * anonymous), else anonymous.
 */
export function viewerOfRequest(sql: SqlRunner, request: { authorization?: string; cookie?: string }): Promise<Viewer | null> {
  const session = request.authorization ? undefined : sessionCookieOf(request.cookie);
  return session ? sessionViewer(sql, session) : authenticate(sql, request.authorization);
}
