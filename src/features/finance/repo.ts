import type { Db, Tx } from '../../db/connection.ts';

/**
 * SQL of the finance area (Kysely only). Besides its own tables it reads, never writes, the programme,
 * enrolment, follow-up, person and placement tables as read models for sums and the evaluation: no use case
 * of those features returns the aggregates needed, and reading through them would be one query per person.
 */

export async function findProgramme(db: Tx, organisationId: string, id: string) {
  return db
    .selectFrom('programme')
    .select(['id', 'code', 'name', 'kind'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listProgrammes(db: Tx, organisationId: string) {
  return db
    .selectFrom('programme')
    .select(['id', 'code', 'name'])
    .where('organisation_id', '=', organisationId)
    .orderBy('code')
    .execute();
}

export interface AmountRow {
  id: string;
  organisationId: string;
  programmeId: string;
  category: string;
  periodFrom: string;
  periodTo: string;
  amountOre: number;
  enteredBy: string | null;
  now: Date;
}

export async function insertBudgetLine(tx: Tx, r: AmountRow & { note: string | null }) {
  await tx
    .insertInto('finance_budget_line')
    .values({
      organisation_id: r.organisationId,
      id: r.id,
      programme_id: r.programmeId,
      category: r.category,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      amount_ore: r.amountOre,
      note: r.note,
      entered_by: r.enteredBy,
      created_at: r.now,
    })
    .execute();
}

export interface OutcomeRow extends AmountRow {
  source: 'manuell' | 'ekonomisystem' | 'import';
  importId: string | null;
  importLine: number | null;
  account: string | null;
  costCentre: string | null;
  text: string | null;
}

export async function insertCostOutcomes(tx: Tx, rows: OutcomeRow[]) {
  if (rows.length === 0) return;
  // Chunks keep the statement under the parameter limit on large ledger files.
  for (let i = 0; i < rows.length; i += 1000) {
    await tx
      .insertInto('finance_cost_outcome')
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          organisation_id: r.organisationId,
          id: r.id,
          programme_id: r.programmeId,
          category: r.category,
          period_from: r.periodFrom,
          period_to: r.periodTo,
          amount_ore: r.amountOre,
          source: r.source,
          import_id: r.importId,
          import_line: r.importLine,
          account: r.account,
          cost_centre: r.costCentre,
          text: r.text,
          entered_by: r.enteredBy,
          created_at: r.now,
        })),
      )
      .execute();
  }
}

export async function listBudgetLines(db: Tx, organisationId: string, programmeId: string) {
  return db
    .selectFrom('finance_budget_line')
    .select(['id', 'category', 'period_from', 'period_to', 'amount_ore', 'note', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .execute();
}

export async function listCostOutcomes(db: Tx, organisationId: string, programmeId: string) {
  return db
    .selectFrom('finance_cost_outcome')
    .select(['id', 'category', 'period_from', 'period_to', 'amount_ore', 'source', 'import_id', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeId)
    .orderBy('seq')
    .execute();
}

export async function upsertMapping(
  tx: Tx,
  m: {
    organisationId: string;
    account: string;
    costCentre: string;
    programmeId: string;
    category: string;
    enteredBy: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('finance_account_mapping')
    .values({
      organisation_id: m.organisationId,
      account: m.account,
      cost_centre: m.costCentre,
      programme_id: m.programmeId,
      category: m.category,
      entered_by: m.enteredBy,
      updated_at: m.now,
    })
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'account', 'cost_centre']).doUpdateSet({
        programme_id: m.programmeId,
        category: m.category,
        entered_by: m.enteredBy,
        updated_at: m.now,
      }),
    )
    .execute();
}

export async function listMappings(db: Tx, organisationId: string) {
  return db
    .selectFrom('finance_account_mapping')
    .select(['account', 'cost_centre', 'programme_id', 'category', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('account')
    .orderBy('cost_centre')
    .execute();
}

export async function insertLedgerImport(
  tx: Tx,
  r: {
    organisationId: string;
    id: string;
    filename: string;
    encoding: string | null;
    rowCount: number;
    totalOre: number;
    importedBy: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('finance_ledger_import')
    .values({
      organisation_id: r.organisationId,
      id: r.id,
      filename: r.filename,
      encoding: r.encoding,
      row_count: r.rowCount,
      total_ore: r.totalOre,
      imported_by: r.importedBy,
      imported_at: r.now,
    })
    .execute();
}

/** Placements of the programme's enrolments that carry employment details (salary and cost factor). */
export async function employmentPlacements(db: Tx, organisationId: string, programmeId: string) {
  return db
    .selectFrom('placement as p')
    .innerJoin('enrolment as e', (j) =>
      j.onRef('e.organisation_id', '=', 'p.organisation_id').onRef('e.id', '=', 'p.enrolment_id'),
    )
    .select([
      'p.id',
      'p.start_date',
      'p.end_date',
      'p.monthly_salary_sek',
      'p.employer_cost_factor',
      'p.subsidy_monthly_sek',
      'p.subsidy_from',
      'p.subsidy_to',
    ])
    .where('p.organisation_id', '=', organisationId)
    .where('e.programme_id', '=', programmeId)
    .where('p.monthly_salary_sek', 'is not', null)
    .where('p.employer_cost_factor', 'is not', null)
    .orderBy('p.start_date')
    .execute();
}

export async function insertParameter(
  tx: Tx,
  r: {
    organisationId: string;
    id: string;
    year: number;
    key: string;
    value: number;
    unit: string;
    source: string;
    enteredBy: string | null;
    enteredByName: string | null;
    now: Date;
  },
) {
  await tx
    .insertInto('socioeconomic_parameter')
    .values({
      organisation_id: r.organisationId,
      id: r.id,
      year: r.year,
      key: r.key,
      value: r.value,
      unit: r.unit,
      source: r.source,
      entered_by: r.enteredBy,
      entered_by_name: r.enteredByName,
      entered_at: r.now,
    })
    .execute();
}

/** All versions of the parameters (of one year if given), oldest first. */
export async function listParameterRows(db: Tx, organisationId: string, year?: number) {
  let q = db
    .selectFrom('socioeconomic_parameter')
    .select(['id', 'seq', 'year', 'key', 'value', 'unit', 'source', 'entered_by_name', 'entered_at'])
    .where('organisation_id', '=', organisationId);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year').orderBy('key').orderBy('seq').execute();
}

/** Enrolments of a programme that started on or before `to` and had not exited before `from`. */
export async function enrolmentsForEvaluation(
  db: Db,
  organisationId: string,
  programmeId: string,
  from: string,
  to: string,
) {
  return db
    .selectFrom('enrolment as e')
    .innerJoin('person as p', (j) =>
      j.onRef('p.organisation_id', '=', 'e.organisation_id').onRef('p.id', '=', 'e.person_id'),
    )
    .select([
      'e.id',
      'e.start_date',
      'e.exit_date',
      'e.income_source_at_exit',
      'p.birth_date',
      'p.income_source',
    ])
    .where('e.organisation_id', '=', organisationId)
    .where('e.programme_id', '=', programmeId)
    .where('e.start_date', 'is not', null)
    .where('e.start_date', '<=', to)
    .where((eb) => eb.or([eb('e.exit_date', 'is', null), eb('e.exit_date', '>=', from)]))
    .orderBy('e.start_date')
    .orderBy('e.id')
    .execute();
}

export async function followUpsFor(db: Db, organisationId: string, enrolmentIds: string[]) {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('follow_up')
    .select(['enrolment_id', 'months_after_exit', 'status', 'outcome', 'income_source'])
    .where('organisation_id', '=', organisationId)
    .where('enrolment_id', 'in', enrolmentIds)
    .orderBy('enrolment_id')
    .orderBy('months_after_exit')
    .execute();
}

/** Placements with a wage subsidy (paid by the state, e.g. Arbetsförmedlingen) for the given enrolments. */
export async function subsidisedPlacements(db: Db, organisationId: string, enrolmentIds: string[]) {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('placement')
    .select(['enrolment_id', 'start_date', 'end_date', 'subsidy_monthly_sek', 'subsidy_from', 'subsidy_to'])
    .where('organisation_id', '=', organisationId)
    .where('enrolment_id', 'in', enrolmentIds)
    .where('subsidy_monthly_sek', 'is not', null)
    .execute();
}
