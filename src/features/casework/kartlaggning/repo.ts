import type { Tx } from '../../../db/connection.ts';

/** SQL for kartläggning forms (organisation-wide) and kartläggningar (per person). */

export async function listForms(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('kartlaggning_form as f')
    .innerJoin('kartlaggning_form_version as v', (j) =>
      j
        .onRef('v.organisation_id', '=', 'f.organisation_id')
        .onRef('v.form_id', '=', 'f.id')
        .onRef('v.version', '=', 'f.current_version'),
    )
    .select(['f.id', 'f.name', 'f.active', 'f.current_version', 'f.updated_at', 'v.description'])
    .where('f.organisation_id', '=', organisationId)
    .execute();
}

export async function findForm(tx: Tx, organisationId: string, formId: string, lock = false) {
  let q = tx
    .selectFrom('kartlaggning_form')
    .select(['id', 'name', 'active', 'current_version', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', formId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findFormVersion(tx: Tx, organisationId: string, formId: string, version: number) {
  return tx
    .selectFrom('kartlaggning_form_version')
    .select(['form_id', 'version', 'name', 'description', 'questions', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('form_id', '=', formId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listFormVersions(tx: Tx, organisationId: string, formId: string) {
  return tx
    .selectFrom('kartlaggning_form_version as v')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'v.organisation_id').onRef('u.id', '=', 'v.created_by'),
    )
    .select(['v.version', 'v.name', 'v.created_at', 'u.display_name as created_by_name'])
    .where('v.organisation_id', '=', organisationId)
    .where('v.form_id', '=', formId)
    .orderBy('v.version', 'desc')
    .execute();
}

/** Form versions by (form id, version), for rendering a person's kartläggningar. */
export async function formVersionsFor(
  tx: Tx,
  organisationId: string,
  keys: { formId: string; version: number }[],
) {
  if (keys.length === 0) return [];
  return tx
    .selectFrom('kartlaggning_form_version')
    .select(['form_id', 'version', 'name', 'description', 'questions', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or(keys.map((k) => eb.and([eb('form_id', '=', k.formId), eb('version', '=', k.version)]))),
    )
    .execute();
}

export async function insertForm(
  tx: Tx,
  f: { organisationId: string; id: string; name: string; createdBy: string | null; at: Date },
) {
  await tx
    .insertInto('kartlaggning_form')
    .values({
      organisation_id: f.organisationId,
      id: f.id,
      name: f.name,
      current_version: 1,
      created_by: f.createdBy,
      created_at: f.at,
      updated_at: f.at,
    })
    .execute();
}

export async function insertFormVersion(
  tx: Tx,
  v: {
    organisationId: string;
    formId: string;
    version: number;
    name: string;
    description: string | null;
    questions: unknown;
    createdBy: string | null;
    at: Date;
  },
) {
  await tx
    .insertInto('kartlaggning_form_version')
    .values({
      organisation_id: v.organisationId,
      form_id: v.formId,
      version: v.version,
      name: v.name,
      description: v.description,
      questions: JSON.stringify(v.questions),
      created_by: v.createdBy,
      created_at: v.at,
    })
    .execute();
}

export async function updateFormHead(
  tx: Tx,
  organisationId: string,
  formId: string,
  set: { name: string; currentVersion: number; active: boolean; at: Date },
) {
  await tx
    .updateTable('kartlaggning_form')
    .set({ name: set.name, current_version: set.currentVersion, active: set.active, updated_at: set.at })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', formId)
    .execute();
}

const kartlaggningColumns = [
  'k.id',
  'k.person_id',
  'k.form_id',
  'k.form_version',
  'k.answers',
  'k.strengths',
  'k.barriers',
  'k.goals',
  'k.assessed_on',
  'k.created_at',
  'k.updated_at',
] as const;

function kartlaggningQuery(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('kartlaggning as k')
    .leftJoin('app_user as cu', (j) =>
      j.onRef('cu.organisation_id', '=', 'k.organisation_id').onRef('cu.id', '=', 'k.created_by'),
    )
    .leftJoin('app_user as uu', (j) =>
      j.onRef('uu.organisation_id', '=', 'k.organisation_id').onRef('uu.id', '=', 'k.updated_by'),
    )
    .select([
      ...kartlaggningColumns,
      'cu.display_name as created_by_name',
      'uu.display_name as updated_by_name',
    ])
    .where('k.organisation_id', '=', organisationId)
    .where('k.person_id', '=', personId);
}

export type KartlaggningRow = NonNullable<Awaited<ReturnType<typeof findKartlaggning>>>;

export async function findKartlaggning(tx: Tx, organisationId: string, personId: string, id: string) {
  return kartlaggningQuery(tx, organisationId, personId).where('k.id', '=', id).executeTakeFirst();
}

export async function listKartlaggningar(tx: Tx, organisationId: string, personId: string) {
  return kartlaggningQuery(tx, organisationId, personId)
    .orderBy('k.assessed_on', 'desc')
    .orderBy('k.created_at', 'desc')
    .execute();
}

export interface KartlaggningContent {
  answers: unknown;
  strengths: string[];
  barriers: string[];
  goals: string[];
  assessedOn: string;
}

export async function insertKartlaggning(
  tx: Tx,
  k: KartlaggningContent & {
    organisationId: string;
    id: string;
    personId: string;
    formId: string;
    formVersion: number;
    by: string | null;
    at: Date;
  },
) {
  await tx
    .insertInto('kartlaggning')
    .values({
      organisation_id: k.organisationId,
      id: k.id,
      person_id: k.personId,
      form_id: k.formId,
      form_version: k.formVersion,
      answers: JSON.stringify(k.answers),
      strengths: JSON.stringify(k.strengths),
      barriers: JSON.stringify(k.barriers),
      goals: JSON.stringify(k.goals),
      assessed_on: k.assessedOn,
      created_by: k.by,
      created_at: k.at,
      updated_by: k.by,
      updated_at: k.at,
    })
    .execute();
}

export async function updateKartlaggning(
  tx: Tx,
  k: KartlaggningContent & { organisationId: string; id: string; by: string | null; at: Date },
) {
  await tx
    .updateTable('kartlaggning')
    .set({
      answers: JSON.stringify(k.answers),
      strengths: JSON.stringify(k.strengths),
      barriers: JSON.stringify(k.barriers),
      goals: JSON.stringify(k.goals),
      assessed_on: k.assessedOn,
      updated_by: k.by,
      updated_at: k.at,
    })
    .where('organisation_id', '=', k.organisationId)
    .where('id', '=', k.id)
    .execute();
}
