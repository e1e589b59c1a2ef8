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

/** One row; moved by triggers whenever users, roles, units or organisations change (migration 013). */
export interface AuthEpochTable {
  id: boolean;
  n: string | number | bigint;
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

export interface CodeListTable {
  system: string;
  version: string;
  title: string;
  source: string;
  retrieved: string;
  licence: string;
  loaded_at: Generated<Timestamp>;
}

export interface CodeTable {
  system: string;
  version: string;
  code: string;
  name: string;
  name_lang: Generated<string>;
  parent: string | null;
  level: number | null;
  concept_id: string | null;
}

export interface HouseholdTable {
  organisation_id: string;
  id: string;
  children_at_home: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdChildTable {
  organisation_id: string;
  household_id: string;
  id: string;
  birth_year_month: string;
}

export type ProtectionLevel = 'none' | 'sekretessmarkering' | 'skyddad_folkbokforing';

export interface PersonTable {
  organisation_id: string;
  id: string;
  personnummer: string;
  identity_kind: string;
  identity_status: Generated<string>;
  first_name: string;
  last_name: string;
  sex: string;
  birth_date: string;
  protection_level: Generated<ProtectionLevel>;
  email: string | null;
  phone: string | null;
  address_street: string | null;
  address_postal_code: string | null;
  address_city: string | null;
  municipality_code: string | null;
  education_level_code: string | null;
  education_level_version: string | null;
  driving_licences: Generated<string[]>;
  akassa_code: string | null;
  akassa_member_since: string | null;
  income_source: string | null;
  adjustment_needs: string | null;
  household_id: string | null;
  responsible_unit_id: string;
  team_id: string | null;
  case_worker_user_id: string | null;
  status: Generated<string>;
  last_contact_at: Timestamp | null;
  last_entry_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 004: Swedish collation key (src/domain/swedish-sort.ts), compared with COLLATE "C". */
  sort_key: Generated<string>;
  /** 004: first and last name folded for prefix search (normalizeForSearch). */
  search_name: Generated<string>;
  partner_person_id: string | null;
  akassa_version: string | null;
  protection_source: string | null;
  /** 018: months of the last 12 with ekonomiskt bistånd; null = not recorded. */
  assistance_months: number | null;
}

export interface PersonIdentityHistoryTable {
  organisation_id: string;
  person_id: string;
  personnummer: string;
  identity_kind: string;
  valid_to: Timestamp;
}

export interface PersonLanguageTable {
  organisation_id: string;
  person_id: string;
  language_code: string;
  needs_interpreter: Generated<boolean>;
}

export interface PersonOccupationTable {
  organisation_id: string;
  person_id: string;
  kind: string;
  ssyk_code: string;
  ssyk_version: string;
}

export interface UserProtectionPermissionTable {
  organisation_id: string;
  user_id: string;
  protection_level: string;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface PersonAccessTable {
  organisation_id: string;
  person_id: string;
  user_id: string;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface ProtectionChangeTable {
  organisation_id: string;
  id: string;
  person_id: string;
  from_level: string;
  to_level: string;
  source: string;
  decided_on: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface ProgrammeTable {
  organisation_id: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  unit_id: string;
  max_length_months: number | null;
  capacity_mode: string | null;
  eligibility: Json;
  priority_groups: ColumnType<unknown[], string, string>;
  responsible_committee: string | null;
  follow_up_months: Generated<number[]>;
  description: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProgrammePhaseTable {
  organisation_id: string;
  programme_id: string;
  seq: number;
  code: string;
  name: string;
  planned_weeks: number | null;
  planned_months: number | null;
}

export interface ProgrammeCapacityTable {
  organisation_id: string;
  programme_id: string;
  valid_from: string;
  places: number;
  decided_by: string | null;
}

export interface ProgrammeTrackTable {
  organisation_id: string;
  programme_id: string;
  id: string;
  code: string;
  name: string;
  ssyk_codes: Generated<string[]>;
}

export interface IntakeTable {
  organisation_id: string;
  id: string;
  programme_id: string;
  name: string;
  starts_on: string;
  applications_open: string | null;
  applications_close: string | null;
  places: number | null;
  created_at: Timestamp;
}

export type EnrolmentStatus = 'waitlisted' | 'enrolled' | 'paused' | 'exited' | 'withdrawn';

export interface EnrolmentTable {
  organisation_id: string;
  id: string;
  person_id: string;
  programme_id: string;
  intake_id: string | null;
  track_id: string | null;
  unit_id: string;
  status: EnrolmentStatus;
  referred_on: string | null;
  priority_rank: Generated<number>;
  start_date: string | null;
  planned_end_date: string | null;
  exit_date: string | null;
  exit_reason: string | null;
  exit_employment_form: string | null;
  income_source_at_exit: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EnrolmentPhaseTable {
  organisation_id: string;
  enrolment_id: string;
  seq: number;
  phase_code: string;
  started_on: string;
  ended_on: string | null;
}

export interface EnrolmentAdjustmentTable {
  organisation_id: string;
  enrolment_id: string;
  id: string;
  kind: string;
  from_date: string;
  to_date: string | null;
  days: number;
  reason: string | null;
  previous_planned_end: string | null;
  new_planned_end: string | null;
  recorded_at: Timestamp;
}

export interface FollowUpTable {
  organisation_id: string;
  id: string;
  enrolment_id: string;
  person_id: string;
  months_after_exit: number;
  due_on: string;
  status: Generated<string>;
  outcome: string | null;
  income_source: string | null;
  recorded_at: Timestamp | null;
}

// Case work (migration 003): referrals, kartläggning, handlingsplan, meetings, journal.
type JsonValue = ColumnType<unknown, string, string>;

export interface ReferralTable {
  organisation_id: string;
  id: string;
  person_id: string;
  source: string;
  referral_date: string;
  referring_officer_name: string | null;
  referring_officer_title: string | null;
  commissioning_unit: string | null;
  reason: string;
  requested_programme: string | null;
  status: Generated<string>;
  decision_reason: string | null;
  decision_date: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  start_date: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReferralDecisionTable {
  organisation_id: string;
  referral_id: string;
  seq: number;
  decision: string;
  reason: string | null;
  decision_date: string;
  decided_by: string | null;
  decided_at: Timestamp;
}

export interface KartlaggningFormTable {
  organisation_id: string;
  id: string;
  name: string;
  active: Generated<boolean>;
  current_version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KartlaggningFormVersionTable {
  organisation_id: string;
  form_id: string;
  version: number;
  name: string;
  description: string | null;
  questions: JsonValue;
  created_by: string | null;
  created_at: Timestamp;
}

export interface KartlaggningTable {
  organisation_id: string;
  id: string;
  person_id: string;
  form_id: string;
  form_version: number;
  answers: JsonValue;
  strengths: JsonValue;
  barriers: JsonValue;
  goals: JsonValue;
  assessed_on: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PlanTable {
  organisation_id: string;
  person_id: string;
  agreed_on: string | null;
  follow_up_on: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PlanGoalTable {
  organisation_id: string;
  id: string;
  person_id: string;
  description: string;
  target_date: string | null;
  status: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PlanActivityTable {
  organisation_id: string;
  id: string;
  person_id: string;
  goal_id: string | null;
  kind: string;
  description: string;
  owner_role: string;
  due_date: string | null;
  status: Generated<string>;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MeetingTable {
  organisation_id: string;
  id: string;
  person_id: string;
  starts_at: Timestamp;
  duration_minutes: Generated<number>;
  place: string;
  purpose: string;
  status: Generated<string>;
  participant_attendance: string | null;
  participant_absence_reason: string | null;
  attendance_recorded_by: string | null;
  attendance_recorded_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingAttendeeTable {
  organisation_id: string;
  meeting_id: string;
  id: string;
  kind: string;
  user_id: string | null;
  name: string | null;
  role: string;
  attendance: string | null;
  absence_reason: string | null;
}

export interface JournalNoteTable {
  organisation_id: string;
  id: string;
  person_id: string;
  text: string;
  contact_kind: string | null;
  contact_at: Timestamp | null;
  author_user_id: string;
  author_name: string;
  author_role: string | null;
  written_at: Timestamp;
  corrects_note_id: string | null;
}

// Workplaces and placements (migration 006).
export interface WorkplaceTable {
  organisation_id: string;
  id: string;
  kind: string;
  name: string;
  organisationsnummer: string | null;
  sector_system: string | null;
  sector_version: string | null;
  sector_code: string | null;
  sector_label: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  area: string | null;
  active: Generated<boolean>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkplaceOccupationTable {
  organisation_id: string;
  workplace_id: string;
  ssyk_code: string;
  ssyk_version: string;
}

export interface WorkplaceSupervisorTable {
  organisation_id: string;
  workplace_id: string;
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkplaceAgreementTable {
  organisation_id: string;
  workplace_id: string;
  id: string;
  type: string;
  valid_from: string;
  valid_to: string | null;
  reference: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkplaceComplianceCheckTable {
  organisation_id: string;
  workplace_id: string;
  id: string;
  checked_on: string;
  collective_agreement: boolean;
  criminal_record_extract_required: boolean;
  minors_rules_acknowledged: boolean;
  risk_assessment_on: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface WorkplaceSlotTable {
  organisation_id: string;
  workplace_id: string;
  id: string;
  period_from: string;
  period_to: string;
  places: number;
  ssyk_code: string | null;
  ssyk_version: string | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlacementTable {
  organisation_id: string;
  id: string;
  enrolment_id: string;
  person_id: string;
  workplace_id: string;
  slot_id: string | null;
  supervisor_id: string | null;
  start_date: string;
  end_date: string | null;
  status: Generated<string>;
  share_name_with_workplace: boolean;
  name_consent_recorded_at: Timestamp | null;
  name_consent_recorded_by: string | null;
  employment_form: string | null;
  hours_per_week: number | null;
  monthly_salary_sek: number | null;
  employer_cost_factor: number | null;
  subsidy_kind: string | null;
  subsidy_decision_id: string | null;
  subsidy_monthly_sek: number | null;
  subsidy_from: string | null;
  subsidy_to: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlacementAttendanceTable {
  organisation_id: string;
  placement_id: string;
  iso_week: string;
  week_start: string;
  hours_present: number;
  recorded_by: string | null;
  recorded_at: Timestamp;
  source: Generated<string>;
}

export interface PlacementAbsenceTable {
  organisation_id: string;
  placement_id: string;
  iso_week: string;
  reason: string;
  hours: number;
}

// Reports (migration 008): precomputed outcomes, report texts, disclosure-control settings.
export interface EnrolmentOutcomeTable {
  organisation_id: string;
  enrolment_id: string;
  programme_id: string;
  unit_id: string;
  person_id: string;
  sex: string;
  age_at_start: number | null;
  start_cohort: string | null;
  start_date: string | null;
  exit_date: string | null;
  exit_reason: string | null;
  into_work: Generated<boolean>;
  into_studies: Generated<boolean>;
  days_in_programme: number | null;
  within_18_months: Generated<boolean>;
  follow_up_6: string | null;
  follow_up_12: string | null;
  follow_up_18: string | null;
  is_protected: Generated<boolean>;
  refreshed_at: Timestamp;
}

/** Migration 015: outcome rows counted per month of each dated fact (maintained by triggers). */
export interface OutcomeRollupTable {
  organisation_id: string;
  dim: string;
  programme_id: string;
  key: string;
  month: string;
  kind: string;
  is_protected: boolean;
  n: number;
}

/** Migration 015: enrolments whose outcome row may be out of date (marked by triggers). */
export interface OutcomeDirtyTable {
  organisation_id: string;
  enrolment_id: string;
}

export interface ReportTextTable {
  organisation_id: string;
  report_kind: string;
  programme_id: string;
  reference_date: string;
  section: string;
  body: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface ReportSettingTable {
  organisation_id: string;
  suppression_threshold: Generated<number>;
  scb_suffix_men: string | null;
  updated_at: Timestamp;
}

export interface DashboardSocialAssistanceMonthTable {
  organisation_id: string;
  month: string;
  applications: number;
  import_id: string;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface DashboardUnemploymentMonthTable {
  organisation_id: string;
  month: string;
  age_group: string;
  registered: number | null;
  share_percent: number | null;
  import_id: string;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface DashboardGoalTable {
  organisation_id: string;
  metric: string;
  target: number;
  label: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface FinanceBudgetLineTable {
  organisation_id: string;
  id: string;
  seq: Generated<number>;
  programme_id: string;
  category: string;
  period_from: string;
  period_to: string;
  amount_ore: number;
  note: string | null;
  entered_by: string | null;
  created_at: Timestamp;
}

export interface FinanceAccountMappingTable {
  organisation_id: string;
  account: string;
  cost_centre: string;
  programme_id: string;
  category: string;
  entered_by: string | null;
  updated_at: Timestamp;
}

export interface FinanceLedgerImportTable {
  organisation_id: string;
  id: string;
  filename: string;
  encoding: string | null;
  row_count: number;
  total_ore: number;
  imported_by: string | null;
  imported_at: Timestamp;
}

export interface FinanceCostOutcomeTable {
  organisation_id: string;
  id: string;
  seq: Generated<number>;
  programme_id: string;
  category: string;
  period_from: string;
  period_to: string;
  amount_ore: number;
  source: string;
  import_id: string | null;
  import_line: number | null;
  account: string | null;
  cost_centre: string | null;
  text: string | null;
  entered_by: string | null;
  created_at: Timestamp;
}

export interface SocioeconomicParameterTable {
  organisation_id: string;
  id: string;
  seq: Generated<number>;
  year: number;
  key: string;
  value: number;
  unit: string;
  source: string;
  entered_by: string | null;
  entered_by_name: string | null;
  entered_at: Timestamp;
}

export interface ReportCostFallbackTable {
  organisation_id: string;
  programme_id: string;
  category: string;
  seq: number;
  forecast_sek: ColumnType<string | number | bigint, number, number>;
  outcome_sek: ColumnType<string | number | bigint, number, number>;
  updated_at: Timestamp;
}

export interface GallringRuleTable {
  organisation_id: string;
  id: string;
  record_type: string;
  trigger: 'last_entry' | 'last_contact' | 'exit' | 'season_end';
  years: number;
  exception_categories: Generated<string[]>;
  exception_birth_days: Generated<number[]>;
  decision_reference: string;
  decision_date: string;
  decision_body: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GallringRunTable {
  organisation_id: string;
  id: string;
  mode: 'dry_run' | 'executed';
  dry_run_id: string | null;
  as_of: string;
  run_by: string | null;
  run_by_username: string | null;
  run_at: Timestamp;
  total: number;
  counts: Json;
  decisions: ColumnType<unknown[], string, string>;
  due_list_hash: string;
}

export interface GallringExceptionTable {
  organisation_id: string;
  person_id: string;
  category: string;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
}

// 010 summer jobs (ferieverksamhet)
export interface SummerSeasonTable {
  organisation_id: string;
  id: string;
  name: string;
  year: number;
  birth_year_from: number;
  birth_year_to: number;
  municipality_code: string | null;
  hours_per_day: number;
  hourly_pay_sek: number;
  opens_at: Timestamp;
  closes_at: Timestamp;
  max_choices: number;
  mechanism: 'optimal' | 'lottery';
  priority_first_time: boolean;
  priority_social: boolean;
  offer_days: number;
  published_run_id: string | null;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SummerPeriodTable {
  organisation_id: string;
  season_id: string;
  id: string;
  code: string;
  starts_on: string;
  ends_on: string;
}

export interface SummerSlotTable {
  organisation_id: string;
  season_id: string;
  id: string;
  workplace_id: string;
  period_id: string;
  area: string;
  places: number;
  min_age: number | null;
  requirements: string | null;
  created_at: Timestamp;
}

export interface SummerWorkplaceUserTable {
  organisation_id: string;
  workplace_id: string;
  user_id: string;
}

export type SummerApplicationStatus = 'aktiv' | 'reserv' | 'placerad' | 'aterkallad';

export interface SummerApplicationTable {
  organisation_id: string;
  season_id: string;
  id: string;
  reference: string;
  personnummer: string;
  first_name: string;
  last_name: string;
  sex: string;
  birth_date: string;
  municipality_code: string;
  email: string;
  phone: string | null;
  guardian_name: string | null;
  guardian_email: string | null;
  guardian_phone: string | null;
  guardian_consent_at: Timestamp | null;
  protected_identity: Generated<boolean>;
  first_time: boolean;
  social_priority: Generated<boolean>;
  available_period_ids: string[];
  status: Generated<SummerApplicationStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SummerChoiceTable {
  organisation_id: string;
  application_id: string;
  rank: number;
  slot_id: string;
}

export interface SummerAccessTokenTable {
  organisation_id: string;
  token_hash: string;
  application_id: string;
  purpose: 'application' | 'offer';
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface OutboxTable {
  organisation_id: string;
  id: string;
  recipient: string;
  subject: string;
  body: string;
  kind: string;
  created_at: Timestamp;
}

export interface SummerPublicAttemptTable {
  key: string;
  attempted_at: Timestamp;
}

export interface SummerRunTable {
  organisation_id: string;
  season_id: string;
  id: string;
  mode: 'optimal' | 'lottery';
  seed: number | null;
  input: JsonValue;
  result: JsonValue;
  report: JsonValue;
  created_by: string | null;
  created_at: Timestamp;
}

export type SummerOfferStatus = 'erbjuden' | 'accepterad' | 'avbojd' | 'utgangen';

export interface SummerOfferTable {
  organisation_id: string;
  season_id: string;
  id: string;
  application_id: string;
  slot_id: string;
  run_id: string;
  status: SummerOfferStatus;
  offered_at: Timestamp;
  expires_at: Timestamp;
  answered_at: Timestamp | null;
  hours: number | null;
  hours_reported_by: string | null;
  hours_reported_at: Timestamp | null;
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
  auth_epoch: AuthEpochTable;
  login_attempt: LoginAttemptTable;
  audit_chain_head: AuditChainHeadTable;
  audit_event: AuditEventTable;
  oidc_login: OidcLoginTable;
  code_list: CodeListTable;
  code: CodeTable;
  household: HouseholdTable;
  household_child: HouseholdChildTable;
  person: PersonTable;
  person_identity_history: PersonIdentityHistoryTable;
  person_language: PersonLanguageTable;
  person_occupation: PersonOccupationTable;
  user_protection_permission: UserProtectionPermissionTable;
  person_access: PersonAccessTable;
  protection_change: ProtectionChangeTable;
  programme: ProgrammeTable;
  programme_phase: ProgrammePhaseTable;
  programme_capacity: ProgrammeCapacityTable;
  programme_track: ProgrammeTrackTable;
  intake: IntakeTable;
  enrolment: EnrolmentTable;
  enrolment_phase: EnrolmentPhaseTable;
  enrolment_adjustment: EnrolmentAdjustmentTable;
  follow_up: FollowUpTable;
  referral: ReferralTable;
  referral_decision: ReferralDecisionTable;
  kartlaggning_form: KartlaggningFormTable;
  kartlaggning_form_version: KartlaggningFormVersionTable;
  kartlaggning: KartlaggningTable;
  plan: PlanTable;
  plan_goal: PlanGoalTable;
  plan_activity: PlanActivityTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  journal_note: JournalNoteTable;
  workplace: WorkplaceTable;
  workplace_occupation: WorkplaceOccupationTable;
  workplace_supervisor: WorkplaceSupervisorTable;
  workplace_agreement: WorkplaceAgreementTable;
  workplace_compliance_check: WorkplaceComplianceCheckTable;
  workplace_slot: WorkplaceSlotTable;
  placement: PlacementTable;
  placement_attendance: PlacementAttendanceTable;
  summer_season: SummerSeasonTable;
  summer_period: SummerPeriodTable;
  summer_slot: SummerSlotTable;
  summer_workplace_user: SummerWorkplaceUserTable;
  summer_application: SummerApplicationTable;
  summer_choice: SummerChoiceTable;
  summer_access_token: SummerAccessTokenTable;
  outbox: OutboxTable;
  summer_public_attempt: SummerPublicAttemptTable;
  summer_run: SummerRunTable;
  summer_offer: SummerOfferTable;
  placement_absence: PlacementAbsenceTable;
  enrolment_outcome: EnrolmentOutcomeTable;
  outcome_rollup: OutcomeRollupTable;
  outcome_dirty: OutcomeDirtyTable;
  report_text: ReportTextTable;
  report_setting: ReportSettingTable;
  report_cost_fallback: ReportCostFallbackTable;
  dashboard_social_assistance_month: DashboardSocialAssistanceMonthTable;
  dashboard_unemployment_month: DashboardUnemploymentMonthTable;
  dashboard_goal: DashboardGoalTable;
  finance_budget_line: FinanceBudgetLineTable;
  finance_account_mapping: FinanceAccountMappingTable;
  finance_ledger_import: FinanceLedgerImportTable;
  finance_cost_outcome: FinanceCostOutcomeTable;
  socioeconomic_parameter: SocioeconomicParameterTable;
  gallring_rule: GallringRuleTable;
  gallring_run: GallringRunTable;
  gallring_exception: GallringExceptionTable;
  schema_migration: SchemaMigrationTable;
}
