import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SqlRunner } from '../../db/database';
import { ApiToken } from './api-token.entity';
import { Session } from './session.entity';
import { endSessionOf, tokenOfSession } from './auth.loaders';
import { hashSecret, viewerOf, viewerOfSecret } from './tokens';
import type { Viewer } from '../../graph/context';

/*
 * Browser sessions. The web app sends the access key once (POST /auth/session) and gets an
 * httpOnly, SameSite=Strict cookie in return: scripts cannot read it, other sites' pages
 * cannot send it, and the key is never stored in the browser. Signing out ends the session
 * in the database, so a copied cookie stops working too.
 */

export const SESSION_COOKIE = 'ig_session';

/** Cookie values look like `igs_` + 43 characters (256 random bits). */
const PREFIX = 'igs_';

export interface StartedSession {
  /** The cookie's value; only its hash is stored. */
  value: string;
  expiresAt: Date;
  viewer: Viewer;
}

/**
 * Starts a session for an access key, for at most `maxAgeHours` and never beyond the
 * token's own expiry; UNAUTHENTICATED (HTTP 401) for a key that names no valid token.
 */
export async function startSession(orm: MikroORM, sql: SqlRunner, key: string, maxAgeHours: number, now = new Date()): Promise<StartedSession> {
  const viewer = await viewerOfSecret(sql, key, now);
  const latest = new Date(now.getTime() + maxAgeHours * 3_600_000);
  const expiresAt = viewer.expiresAt && viewer.expiresAt < latest ? viewer.expiresAt : latest;
  const value = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const em = orm.em.fork();
  em.persist(Object.assign(new Session(), { secretHash: hashSecret(value), token: em.getReference(ApiToken, viewer.tokenId), expiresAt }));
  await em.flush();
  return { value, expiresAt, viewer };
}

/** Ends the session of a cookie value (sign-out); true when there was one to end. */
export async function endSession(orm: MikroORM, value: string): Promise<boolean> {
  if (!isSessionValue(value)) return false;
  return endSessionOf(orm, hashSecret(value));
}

/**
 * The viewer of a session cookie, or null: no such session, signed out, expired, or its
 * token revoked or expired. A browser with a stale cookie reads as anonymous, as the public
 * directory should; the web app asks for `viewer` to know.
 */
export async function sessionViewer(sql: SqlRunner, value: string, now = new Date()): Promise<Viewer | null> {
  if (!isSessionValue(value)) return null;
  const row = await tokenOfSession(sql, hashSecret(value), now);
  return row ? viewerOf(row) : null;
}

const isSessionValue = (value: string) => value.startsWith(PREFIX) && value.length <= 100;

/** The value of the session cookie in a Cookie header, if there is one. */
export function sessionCookieOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie header of a session; `secure` when the browser reached us over HTTPS. */
export function sessionCookie(value: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

/** The Set-Cookie header that removes the session cookie. */
export const clearedSessionCookie = (secure: boolean) => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
