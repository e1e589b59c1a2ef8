import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { AppError, notFound, ruleViolation, unauthenticated } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { isRecordType, RECORD_TYPE_LABELS, RECORD_TYPE_TRIGGERS, RECORD_TYPES } from './record-types.ts';
import * as repo from './repo.ts';
import type { RuleInput } from './schema.ts';

export interface GallringRuleView {
  id: string;
  recordType: string;
  recordTypeLabel: string;
  trigger: string;
  years: number;
  exceptionCategories: string[];
  exceptionBirthDays: number[];
  decisionReference: string;
  decisionDate: string;
  decisionBody: string | null;
  note: string | null;
}

export function presentRule(r: repo.RuleRow): GallringRuleView {
  return {
    id: r.id,
    recordType: r.record_type,
    recordTypeLabel: isRecordType(r.record_type) ? RECORD_TYPE_LABELS[r.record_type] : r.record_type,
    trigger: r.trigger,
    years: r.years,
    exceptionCategories: r.exception_categories,
    exceptionBirthDays: r.exception_birth_days,
    decisionReference: r.decision_reference,
    decisionDate: r.decision_date,
    decisionBody: r.decision_body,
    note: r.note,
  };
}

function organisationOf(ctx: Ctx): string {
  const organisationId = ctx.actor?.organisationId;
  if (!organisationId) throw unauthenticated();
  return organisationId;
}

/** Domain checks with Swedish messages (422): a known record type and a sane period. */
function validate(input: RuleInput): repo.RuleValues {
  if (!isRecordType(input.recordType)) {
    throw ruleViolation(
      'unknown_record_type',
      `Okänd akttyp "${input.recordType}". Välj en av: ${RECORD_TYPES.join(', ')}.`,
      `Unknown record type "${input.recordType}". Choose one of: ${RECORD_TYPES.join(', ')}.`,
      [{ path: 'body.recordType', message: 'Okänd akttyp.' }],
    );
  }
  const triggers = RECORD_TYPE_TRIGGERS[input.recordType];
  if (!triggers.includes(input.trigger)) {
    throw ruleViolation(
      'trigger_not_for_record_type',
      `Akttypen "${input.recordType}" saknar datum för utlösaren "${input.trigger}". Välj en av: ${triggers.join(', ')}.`,
      `Record type "${input.recordType}" has no date for trigger "${input.trigger}". Choose one of: ${triggers.join(', ')}.`,
      [{ path: 'body.trigger', message: 'Utlösaren passar inte akttypen.' }],
    );
  }
  if (input.years < 0) {
    throw ruleViolation(
      'negative_years',
      'Antal år före gallring får inte vara negativt.',
      'The number of years before culling cannot be negative.',
      [{ path: 'body.years', message: 'Ange 0 eller fler år.' }],
    );
  }
  if (input.years > 100) {
    throw ruleViolation(
      'too_many_years',
      'Antal år före gallring får vara högst 100.',
      'The number of years before culling can be at most 100.',
      [{ path: 'body.years', message: 'Ange högst 100 år.' }],
    );
  }
  return {
    recordType: input.recordType,
    trigger: input.trigger,
    years: input.years,
    exceptionCategories: [...new Set(input.exceptionCategories)].sort(),
    exceptionBirthDays: [...new Set(input.exceptionBirthDays)].sort((a, b) => a - b),
    decisionReference: input.decisionReference,
    decisionDate: input.decisionDate,
    decisionBody: input.decisionBody ?? null,
    note: input.note ?? null,
  };
}

const duplicate = (recordType: string) =>
  new AppError(409, 'gallring_rule_exists', {
    sv: `Det finns redan en gallringsregel för akttypen "${recordType}". Ändra den i stället.`,
    en: `A culling rule for record type "${recordType}" already exists. Change it instead.`,
  });

function auditDetails(v: repo.RuleValues) {
  return {
    recordType: v.recordType,
    trigger: v.trigger,
    years: v.years,
    exceptionCategories: v.exceptionCategories,
    exceptionBirthDays: v.exceptionBirthDays,
    decisionReference: v.decisionReference,
    decisionDate: v.decisionDate,
  };
}

export async function listGallringRules(ctx: Ctx): Promise<GallringRuleView[]> {
  return (await repo.listRules(ctx.db, organisationOf(ctx))).map(presentRule);
}

export async function createGallringRule(ctx: Ctx, input: RuleInput): Promise<GallringRuleView> {
  const organisationId = organisationOf(ctx);
  const values = validate(input);
  const id = randomUUID();
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.findRuleByType(tx, organisationId, values.recordType)) throw duplicate(values.recordType);
    await repo.insertRule(tx, organisationId, id, values, ctx.actor!.userId, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'create',
      role: 'administrator',
      objectType: 'gallring_rule',
      objectId: id,
      details: auditDetails(values),
    });
    return presentRule((await repo.findRule(tx, organisationId, id))!);
  });
}

export async function updateGallringRule(ctx: Ctx, id: string, input: RuleInput): Promise<GallringRuleView> {
  const organisationId = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findRule(tx, organisationId, id);
    if (!before) throw notFound();
    const values = validate(input);
    const other = await repo.findRuleByType(tx, organisationId, values.recordType);
    if (other && other.id !== id) throw duplicate(values.recordType);
    await repo.updateRule(tx, organisationId, id, values, ctx.clock.now());
    await recordAudit(tx, ctx, {
      action: 'update',
      role: 'administrator',
      objectType: 'gallring_rule',
      objectId: id,
      details: { before: presentRule(before), after: auditDetails(values) },
    });
    return presentRule((await repo.findRule(tx, organisationId, id))!);
  });
}

export async function deleteGallringRule(ctx: Ctx, id: string): Promise<void> {
  const organisationId = organisationOf(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const before = await repo.findRule(tx, organisationId, id);
    if (!before) throw notFound();
    await repo.deleteRule(tx, organisationId, id);
    await recordAudit(tx, ctx, {
      action: 'delete',
      role: 'administrator',
      objectType: 'gallring_rule',
      objectId: id,
      details: { before: presentRule(before) },
    });
  });
}
