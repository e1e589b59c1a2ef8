import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Keep in step with migrations/*.sql. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export interface OrganisationTable {
  id: string;
  name: string;
  municipality_code: string | null;
  created_at: Generated<Timestamp>;
}

export interface UnitTable {
  organisation_id: string;
  id: string;
  parent_id: string | null;
  name: string;
  kind: string;
  created_at: Generated<Timestamp>;
}

export interface TeamTable {
  organisation_id: string;
  id: string;
  unit_id: string;
  name: string;
}

export interface AppUserTable {
  organisation_id: string;
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface UserRoleTable {
  organisation_id: string;
  user_id: string;
  role: string;
  unit_id: string;
  granted_at: Generated<Timestamp>;
}

export interface TeamMemberTable {
  organisation_id: string;
  team_id: string;
  user_id: string;
}

export interface UserIdentityTable {
  organisation_id: string;
  user_id: string;
  issuer: string;
  subject: string;
}

export interface SessionTable {
  id_hash: string;
  organisation_id: string;
  user_id: string;
  csrf_token: string;
  auth_method: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: string | null;
  client_address: string | null;
}

export interface LoginAttemptTable {
  key: string;
  attempted_at: Timestamp;
  succeeded: boolean;
}

export interface AuditChainHeadTable {
  organisation_id: string;
  seq: number;
  hash: string;
}

export interface AuditEventTable {
  organisation_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_user_id: string | null;
  actor_username: string | null;
  role: string | null;
  unit_id: string | null;
  subject_person_id: string | null;
  object_type: string | null;
  object_id: string | null;
  action: string;
  outcome: string;
  severity: string;
  request_id: string | null;
  client_address: string | null;
  purpose: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface OidcLoginTable {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: Timestamp;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Generated<Timestamp>;
}

export interface Schema {
  organisation: OrganisationTable;
  unit: UnitTable;
  team: TeamTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  team_member: TeamMemberTable;
  user_identity: UserIdentityTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  audit_chain_head: AuditChainHeadTable;
  audit_event: AuditEventTable;
  oidc_login: OidcLoginTable;
  schema_migration: SchemaMigrationTable;
}
