import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Ctx, RoleGrant } from '../../context.ts';
import type {
  WorkplaceAgreementTable,
  WorkplaceComplianceCheckTable,
  WorkplaceOccupationTable,
  WorkplaceSlotTable,
  WorkplaceSupervisorTable,
  WorkplaceTable,
} from '../../db/schema.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditWorkplace } from './audit.ts';
import { insertWorkplaceRows } from './repo.ts';
import {
  checkAgreement,
  checkCodes,
  checkComplianceCheck,
  checkSlot,
  checkSupervisor,
  clean,
  Issues,
  loadSsyk,
  normalizeWorkplaceFields,
  type SsykCatalogue,
  today,
} from './rules.ts';
import type { CreateWorkplaceInput } from './schema.ts';

export interface WorkplaceRows {
  workplaces: Insertable<WorkplaceTable>[];
  occupations: Insertable<WorkplaceOccupationTable>[];
  supervisors: Insertable<WorkplaceSupervisorTable>[];
  agreements: Insertable<WorkplaceAgreementTable>[];
  slots: Insertable<WorkplaceSlotTable>[];
  checks: Insertable<WorkplaceComplianceCheckTable>[];
}

/** Checks one input (field paths under `prefix`) and adds its rows to `rows`. Returns the new id. */
function prepare(
  ctx: Ctx,
  input: CreateWorkplaceInput,
  prefix: string,
  ssyk: SsykCatalogue,
  issues: Issues,
  rows: WorkplaceRows,
): string {
  const actor = ctx.actor!;
  const organisationId = actor.organisationId;
  const now = ctx.clock.now();
  const fields = normalizeWorkplaceFields(ctx, input, issues, prefix);
  const supervisors = input.supervisors ?? [];
  const agreements = input.agreements ?? [];
  const slots = input.slots ?? [];
  supervisors.forEach((s, i) => void checkSupervisor(s, `${prefix}.supervisors.${i}`, issues));
  agreements.forEach((a, i) => void checkAgreement(a, `${prefix}.agreements.${i}`, issues));
  slots.forEach((s, i) => void checkSlot(s, `${prefix}.slots.${i}`, issues));
  if (input.complianceCheck)
    checkComplianceCheck(input.complianceCheck, `${prefix}.complianceCheck`, issues, today(ctx));
  const occupations = checkCodes(ssyk, input.occupations ?? [], issues, (i) => `${prefix}.occupations.${i}`);
  slots.forEach((s, i) => {
    const code = clean(s.ssykCode);
    if (code) checkCodes(ssyk, [code], issues, () => `${prefix}.slots.${i}.ssykCode`);
  });

  const id = randomUUID();
  const base = { organisation_id: organisationId, workplace_id: id };
  rows.workplaces.push({
    organisation_id: organisationId,
    id,
    ...fields,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  rows.occupations.push(...occupations.map((o) => ({ ...base, ssyk_code: o.code, ssyk_version: o.version })));
  rows.supervisors.push(
    ...supervisors.map((s) => ({
      ...base,
      id: randomUUID(),
      name: s.name.trim(),
      title: clean(s.title),
      phone: clean(s.phone),
      email: clean(s.email),
      active: s.active ?? true,
      created_at: now,
      updated_at: now,
    })),
  );
  rows.agreements.push(
    ...agreements.map((a) => ({
      ...base,
      id: randomUUID(),
      type: a.type,
      valid_from: a.validFrom,
      valid_to: a.validTo ?? null,
      reference: clean(a.reference),
      note: clean(a.note),
      created_at: now,
      updated_at: now,
    })),
  );
  rows.slots.push(
    ...slots.map((s) => {
      const code = clean(s.ssykCode);
      return {
        ...base,
        id: randomUUID(),
        period_from: s.periodFrom,
        period_to: s.periodTo,
        places: s.places,
        ssyk_code: code,
        ssyk_version: code ? ssyk.version : null,
        note: clean(s.note),
        created_at: now,
        updated_at: now,
      };
    }),
  );
  const c = input.complianceCheck;
  if (c) {
    rows.checks.push({
      ...base,
      id: randomUUID(),
      checked_on: c.checkedOn,
      collective_agreement: c.collectiveAgreement,
      criminal_record_extract_required: c.criminalRecordExtractRequired,
      minors_rules_acknowledged: c.minorsRulesAcknowledged,
      risk_assessment_on: c.riskAssessmentOn ?? null,
      note: clean(c.note),
      recorded_by: actor.userId,
      recorded_at: now,
    });
  }
  return id;
}

const codesOf = (inputs: CreateWorkplaceInput[]) =>
  inputs.flatMap((w) => [
    ...(w.occupations ?? []),
    ...(w.slots ?? []).map((s) => clean(s.ssykCode)).filter((c): c is string => c !== null),
  ]);

const emptyRows = (): WorkplaceRows => ({
  workplaces: [],
  occupations: [],
  supervisors: [],
  agreements: [],
  slots: [],
  checks: [],
});

/**
 * Registers a workplace, optionally with its first supervisors, agreements, slots and compliance
 * check, in one transaction with one audit event. Minimal input is `{ kind: 'kommunal', name }`
 * (a sector label such as `vard-omsorg` may be added). Any invalid part: 422, nothing written.
 */
export async function createWorkplace(
  ctx: Ctx,
  grant: RoleGrant,
  input: CreateWorkplaceInput,
): Promise<{ id: string }> {
  const issues = new Issues(ctx.lang);
  const rows = emptyRows();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const ssyk = await loadSsyk(tx, codesOf([input]));
    const newId = prepare(ctx, input, 'body', ssyk, issues, rows);
    issues.throwIfAny();
    await insertWorkplaceRows(tx, rows);
    await auditWorkplace(tx, ctx, grant, 'create', newId, {
      kind: input.kind,
      supervisors: rows.supervisors.length,
      agreements: rows.agreements.length,
      slots: rows.slots.length,
      complianceCheck: rows.checks.length > 0,
    });
    return newId;
  });
  return { id };
}

/**
 * Registers many workplaces at once (demo data, scenario files, a migration from another register):
 * all or nothing, with one 'import' audit event naming the new ids. Field paths in a 422 answer are
 * `body.workplaces.<index>.<field>`.
 */
export async function importWorkplaces(
  ctx: Ctx,
  grant: RoleGrant,
  inputs: CreateWorkplaceInput[],
): Promise<{ ids: string[] }> {
  const issues = new Issues(ctx.lang);
  const rows = emptyRows();
  const ids = await ctx.db.transaction().execute(async (tx) => {
    const ssyk = await loadSsyk(tx, codesOf(inputs));
    const newIds = inputs.map((input, i) => prepare(ctx, input, `body.workplaces.${i}`, ssyk, issues, rows));
    issues.throwIfAny();
    await insertWorkplaceRows(tx, rows);
    await recordAudit(tx, ctx, {
      action: 'import',
      objectType: 'workplace',
      role: grant.role,
      unitId: grant.unitId,
      details: { count: newIds.length, ids: newIds },
    });
    return newIds;
  });
  return { ids };
}
