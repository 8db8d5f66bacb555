import { DataVersion } from './data-version';
import { AuditEntry } from '../modules/common/audit-entry.entity';
import { ApiToken } from '../modules/auth/api-token.entity';
import { Session } from '../modules/auth/session.entity';
import { Body, BodyMembership } from '../modules/body/body.entity';
import { FieldOfAction } from '../modules/field-of-action/field-of-action.entity';
import { Forum, ForumMembership } from '../modules/forum/forum.entity';
import { MembershipRequest } from '../modules/membership/membership-request.entity';
import { ContactPerson } from '../modules/organisation/contact-person.entity';
import { Organisation } from '../modules/organisation/organisation.entity';
import { Project, ProjectParticipation } from '../modules/project/project.entity';

/** Every entity of the model, listed once (no folder scanning: works the same from ts and js). */
export const entities = [
  FieldOfAction,
  Organisation,
  Forum,
  ForumMembership,
  Body,
  BodyMembership,
  Project,
  ProjectParticipation,
  ContactPerson,
  ApiToken,
  Session,
  AuditEntry,
  MembershipRequest,
  DataVersion,
];
