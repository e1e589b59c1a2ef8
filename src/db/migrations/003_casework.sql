-- Case work on one person: anvisningar (referrals) with intake decisions, kartläggning forms (versioned)
-- and assessments, handlingsplan (goals and activities), meetings with attendance, and the journal.
-- Every tenant table leads its keys with organisation_id; person rows reference person (organisation_id, id).

-- Anvisning: who sent the person, why, and the unit's intake decision. The current decision sits on the
-- row (for reports: days from referral to decision and to start); every decision is kept in
-- referral_decision.
CREATE TABLE referral (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('ekonomiskt_bistand', 'arbetsformedlingen', 'self', 'other')),
  referral_date date NOT NULL,
  referring_officer_name text,
  referring_officer_title text,
  commissioning_unit text,
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  requested_programme text,
  status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'accepted', 'waitlisted', 'declined')),
  decision_reason text,
  decision_date date,
  decided_by uuid,
  decided_at timestamptz,
  start_date date,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, decided_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id),
  CHECK (status <> 'declined' OR length(trim(coalesce(decision_reason, ''))) > 0),
  CHECK ((status = 'received') = (decision_date IS NULL)),
  CHECK (decision_date IS NULL OR decision_date >= referral_date),
  CHECK (start_date IS NULL OR status = 'accepted'),
  CHECK (start_date IS NULL OR start_date >= referral_date)
);
CREATE INDEX referral_person_idx ON referral (organisation_id, person_id, referral_date);
CREATE INDEX referral_status_idx ON referral (organisation_id, status, referral_date);

CREATE TABLE referral_decision (
  organisation_id uuid NOT NULL,
  referral_id uuid NOT NULL,
  -- 1, 2, ... per referral, in the order the decisions were made.
  seq integer NOT NULL CHECK (seq >= 1),
  decision text NOT NULL CHECK (decision IN ('accept', 'waitlist', 'decline')),
  reason text,
  decision_date date NOT NULL,
  decided_by uuid,
  decided_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, referral_id, seq),
  FOREIGN KEY (organisation_id, referral_id) REFERENCES referral (organisation_id, id),
  FOREIGN KEY (organisation_id, decided_by) REFERENCES app_user (organisation_id, id),
  CHECK (decision <> 'decline' OR length(trim(coalesce(reason, ''))) > 0)
);

-- Kartläggning forms per organisation. Editing a form adds a version; versions never change, so an
-- assessment always renders and validates with the version it was written in.
CREATE TABLE kartlaggning_form (
  organisation_id uuid NOT NULL REFERENCES organisation (id),
  id uuid NOT NULL,
  name text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  current_version integer NOT NULL CHECK (current_version >= 1),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id)
);

CREATE TABLE kartlaggning_form_version (
  organisation_id uuid NOT NULL,
  form_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  name text NOT NULL,
  description text,
  -- [{id, label, help?, section?, type, required, options?, scale?}], see kartlaggning/form-rules.ts
  questions jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, form_id, version),
  FOREIGN KEY (organisation_id, form_id) REFERENCES kartlaggning_form (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id)
);

CREATE FUNCTION kartlaggning_form_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'kartlaggning_form_version är skrivskyddad: ändra formuläret genom att skapa en ny version'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER kartlaggning_form_version_no_update BEFORE UPDATE OR DELETE ON kartlaggning_form_version
  FOR EACH ROW EXECUTE FUNCTION kartlaggning_form_version_is_immutable();

CREATE TABLE kartlaggning (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  form_id uuid NOT NULL,
  form_version integer NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  strengths jsonb NOT NULL DEFAULT '[]'::jsonb,
  barriers jsonb NOT NULL DEFAULT '[]'::jsonb,
  goals jsonb NOT NULL DEFAULT '[]'::jsonb,
  assessed_on date NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, form_id, form_version)
    REFERENCES kartlaggning_form_version (organisation_id, form_id, version),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, updated_by) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX kartlaggning_person_idx ON kartlaggning (organisation_id, person_id, assessed_on);

-- Handlingsplan: one plan per person (header), its goals and activities.
CREATE TABLE plan (
  organisation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  agreed_on date,
  follow_up_on date,
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, person_id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, updated_by) REFERENCES app_user (organisation_id, id)
);

CREATE TABLE plan_goal (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  description text NOT NULL CHECK (length(trim(description)) > 0),
  target_date date,
  status text NOT NULL DEFAULT 'ej_paborjat' CHECK (status IN ('ej_paborjat', 'pagar', 'uppnatt', 'avbrutet')),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, person_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES plan (organisation_id, person_id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, updated_by) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX plan_goal_person_idx ON plan_goal (organisation_id, person_id);

CREATE TABLE plan_activity (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  goal_id uuid,
  kind text NOT NULL CHECK (kind IN ('praktik', 'studier', 'sfi', 'jobbsokande', 'mote', 'annat')),
  description text NOT NULL CHECK (length(trim(description)) > 0),
  owner_role text NOT NULL CHECK (owner_role IN ('deltagare', 'handlaggare', 'jobbmaklare',
                                                 'studie_yrkesvagledare', 'enhetschef', 'annan')),
  due_date date,
  status text NOT NULL DEFAULT 'planerad' CHECK (status IN ('planerad', 'pagar', 'klar', 'avbruten')),
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_by uuid,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES plan (organisation_id, person_id),
  -- A goal of the same person (no check when goal_id is NULL).
  FOREIGN KEY (organisation_id, person_id, goal_id) REFERENCES plan_goal (organisation_id, person_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, updated_by) REFERENCES app_user (organisation_id, id)
);
CREATE INDEX plan_activity_person_idx ON plan_activity (organisation_id, person_id);

-- Meetings with the participant; the participant's own attendance is on the meeting, staff and
-- external attendees have theirs on meeting_attendee.
CREATE TABLE meeting (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  starts_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 5 AND 600),
  place text NOT NULL CHECK (length(trim(place)) > 0),
  purpose text NOT NULL CHECK (length(trim(purpose)) > 0),
  status text NOT NULL DEFAULT 'planerat' CHECK (status IN ('planerat', 'genomfort', 'installt')),
  participant_attendance text CHECK (participant_attendance IN ('narvarande', 'franvarande')),
  participant_absence_reason text,
  attendance_recorded_by uuid,
  attendance_recorded_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, created_by) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, attendance_recorded_by) REFERENCES app_user (organisation_id, id),
  CHECK (participant_attendance IS DISTINCT FROM 'franvarande'
         OR length(trim(coalesce(participant_absence_reason, ''))) > 0)
);
CREATE INDEX meeting_person_idx ON meeting (organisation_id, person_id, starts_at);
CREATE INDEX meeting_time_idx ON meeting (organisation_id, starts_at);

CREATE TABLE meeting_attendee (
  organisation_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('staff', 'external')),
  user_id uuid,
  name text,
  role text NOT NULL CHECK (length(trim(role)) > 0),
  attendance text CHECK (attendance IN ('narvarande', 'franvarande')),
  absence_reason text,
  PRIMARY KEY (organisation_id, meeting_id, id),
  FOREIGN KEY (organisation_id, meeting_id) REFERENCES meeting (organisation_id, id),
  FOREIGN KEY (organisation_id, user_id) REFERENCES app_user (organisation_id, id),
  CHECK ((kind = 'staff') = (user_id IS NOT NULL)),
  CHECK (kind = 'staff' OR length(trim(coalesce(name, ''))) > 0),
  CHECK (attendance IS DISTINCT FROM 'franvarande' OR length(trim(coalesce(absence_reason, ''))) > 0)
);

-- Journal: append-only notes. A mistake is corrected by a new note that references the original
-- (corrects_note_id, same person); notes are never edited or deleted.
CREATE TABLE journal_note (
  organisation_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  text text NOT NULL CHECK (length(trim(text)) > 0),
  -- Set when the note records a contact with the person (updates person.last_contact_at).
  contact_kind text CHECK (contact_kind IN ('besok', 'telefon', 'video', 'meddelande', 'brev')),
  contact_at timestamptz,
  author_user_id uuid NOT NULL,
  author_name text NOT NULL,
  author_role text,
  written_at timestamptz NOT NULL,
  corrects_note_id uuid,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, person_id, id),
  FOREIGN KEY (organisation_id, person_id) REFERENCES person (organisation_id, id),
  FOREIGN KEY (organisation_id, author_user_id) REFERENCES app_user (organisation_id, id),
  FOREIGN KEY (organisation_id, person_id, corrects_note_id)
    REFERENCES journal_note (organisation_id, person_id, id),
  CHECK ((contact_kind IS NULL) = (contact_at IS NULL))
);
CREATE INDEX journal_note_person_idx ON journal_note (organisation_id, person_id, written_at);

CREATE FUNCTION journal_note_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'journal_note är skrivskyddad: rätta en anteckning genom att lägga till en rättelse'
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;

CREATE TRIGGER journal_note_no_update BEFORE UPDATE OR DELETE ON journal_note
  FOR EACH ROW EXECUTE FUNCTION journal_note_is_append_only();
CREATE TRIGGER journal_note_no_truncate BEFORE TRUNCATE ON journal_note
  FOR EACH STATEMENT EXECUTE FUNCTION journal_note_is_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON journal_note FROM PUBLIC;
DO $$ BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON journal_note FROM %I', current_user);
END $$;
