import type { Role } from './auth.enums';

/** Who is asking: the token of the request, or null for an anonymous client. */
export interface Viewer {
  tokenId: string;
  name: string;
  role: Role;
  /** Database ids of the organisations a PARTNER_EDITOR may edit. */
  organisationIds: string[];
  expiresAt: Date | null;
}
