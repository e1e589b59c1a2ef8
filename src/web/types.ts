/** Shapes of the JSON the server sends. Keep in step with the API contract (src/http). */

export const roleCodes = [
  'handlaggare',
  'jobbmaklare',
  'studie_yrkesvagledare',
  'enhetschef',
  'analytiker',
  'administrator',
  'granskare',
  'handledare',
] as const;
export type RoleCode = (typeof roleCodes)[number];

export interface RoleAssignment {
  /** A `RoleCode` today; typed as string so a new server role does not break the client. */
  role: string;
  unitId: string;
  unitName: string;
}

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  organisation: OrganisationRef;
  roles: RoleAssignment[];
}

export interface SessionResponse {
  user: User;
  csrfToken: string;
}

export interface AuthConfig {
  oidc: { enabled: boolean; label: string };
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorUsername: string | null;
  role: string | null;
  unitName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  purpose: string | null;
  severity: 'normal' | 'raised';
}

export interface AuditEventsResponse {
  events: AuditEvent[];
  nextBeforeSeq: number | null;
}

export interface OrgUnit {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface OrgUser {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  roles: RoleAssignment[];
}

export interface OrganisationResponse {
  organisation: OrganisationRef;
  units: OrgUnit[];
  users: OrgUser[];
}

export function hasAnyRole(user: User, roles: readonly RoleCode[] | undefined): boolean {
  if (!roles || roles.length === 0) return true;
  return user.roles.some((assignment) => (roles as readonly string[]).includes(assignment.role));
}
