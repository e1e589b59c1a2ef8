import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import type { Tx } from '../../../db/connection.ts';
import { AppError, notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { swedishDate } from '../dates.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { type Answers, validateAnswers } from './form-rules.ts';
import { listKartlaggningForms } from './forms.ts';
import { presentFormVersion, presentKartlaggning } from './present.ts';
import {
  findForm,
  findFormVersion,
  findKartlaggning,
  formVersionsFor,
  insertKartlaggning,
  listKartlaggningar as listRows,
  updateKartlaggning as updateRow,
} from './repo.ts';
import type {
  CreateKartlaggningInput,
  FormSummaryView,
  FormVersionView,
  KartlaggningView,
  UpdateKartlaggningInput,
} from './schema.ts';

/** Answers checked against the form version; a failing answer becomes a field error on `answers.<id>`. */
function checkedAnswers(form: FormVersionView, raw: Record<string, unknown>): Answers {
  const { answers, issues } = validateAnswers(form.questions, raw, form.version);
  if (issues.length > 0) {
    throw new AppError(
      400,
      'validation_failed',
      'validation_failed',
      issues.map((i) => ({ path: `body.answers.${i.questionId}`, message: i.message })),
    );
  }
  return answers;
}

function checkAssessedOn(ctx: Ctx, assessedOn: string): void {
  if (assessedOn > swedishDate(ctx.clock.now())) {
    const message = 'Datum för kartläggningen kan inte vara senare än i dag.';
    throw ruleViolation('assessed_on_in_future', message, 'The assessment date cannot be in the future.', [
      { path: 'body.assessedOn', message },
    ]);
  }
}

async function loadVersion(tx: Tx, organisationId: string, formId: string, version: number) {
  const v = await findFormVersion(tx, organisationId, formId, version);
  if (!v) throw notFound();
  return presentFormVersion(v);
}

/**
 * The person's kartläggningar, newest first, each with the form version it was written in, and the
 * organisation's active forms for starting a new one. Writes one read event.
 */
export async function listKartlaggningar(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts = {},
): Promise<{ kartlaggningar: KartlaggningView[]; forms: FormSummaryView[] }> {
  const result = await withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const organisationId = ctx.actor!.organisationId;
    const rows = await listRows(tx, organisationId, access.person.id);
    const versions = await formVersionsFor(
      tx,
      organisationId,
      rows.map((r) => ({ formId: r.form_id, version: r.form_version })),
    );
    const byKey = new Map(versions.map((v) => [`${v.form_id}:${v.version}`, presentFormVersion(v)]));
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'kartlaggning',
      objectId: undefined,
      details: { count: rows.length },
    });
    return rows.map((r) => presentKartlaggning(r, byKey.get(`${r.form_id}:${r.form_version}`)!));
  });
  const { forms } = await listKartlaggningForms(ctx, { activeOnly: true });
  return { kartlaggningar: result, forms };
}

/** Writes a new kartläggning with the current version of an active form. */
export async function createKartlaggning(
  ctx: Ctx,
  personId: string,
  input: CreateKartlaggningInput,
  opts: PersonOpts = {},
): Promise<KartlaggningView> {
  const now = ctx.clock.now();
  const assessedOn = input.assessedOn ?? swedishDate(now);
  checkAssessedOn(ctx, assessedOn);
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const form = await findForm(tx, actor.organisationId, input.formId);
    if (!form?.active) {
      const message = 'Formuläret finns inte eller används inte längre.';
      throw ruleViolation('form_not_available', message, 'The form does not exist or is no longer in use.', [
        { path: 'body.formId', message },
      ]);
    }
    const version = await loadVersion(tx, actor.organisationId, form.id, form.current_version);
    const answers = checkedAnswers(version, input.answers);
    const id = randomUUID();
    await insertKartlaggning(tx, {
      organisationId: actor.organisationId,
      id,
      personId: access.person.id,
      formId: form.id,
      formVersion: version.version,
      answers,
      strengths: input.strengths,
      barriers: input.barriers,
      goals: input.goals,
      assessedOn,
      by: actor.userId,
      at: now,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'create',
      objectType: 'kartlaggning',
      objectId: id,
      details: { formId: form.id, formVersion: version.version },
    });
    const row = await findKartlaggning(tx, actor.organisationId, access.person.id, id);
    return presentKartlaggning(row!, version);
  });
}

/** Saves changed answers; they are validated against the kartläggning's own form version. */
export async function updateKartlaggning(
  ctx: Ctx,
  personId: string,
  kartlaggningId: string,
  input: UpdateKartlaggningInput,
  opts: PersonOpts = {},
): Promise<KartlaggningView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.write, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const existing = await findKartlaggning(tx, actor.organisationId, access.person.id, kartlaggningId);
    if (!existing) throw notFound();
    const assessedOn = input.assessedOn ?? existing.assessed_on;
    checkAssessedOn(ctx, assessedOn);
    const version = await loadVersion(tx, actor.organisationId, existing.form_id, existing.form_version);
    const answers = checkedAnswers(version, input.answers);
    await updateRow(tx, {
      organisationId: actor.organisationId,
      id: kartlaggningId,
      answers,
      strengths: input.strengths,
      barriers: input.barriers,
      goals: input.goals,
      assessedOn,
      by: actor.userId,
      at: now,
    });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'update',
      objectType: 'kartlaggning',
      objectId: kartlaggningId,
      details: { formId: existing.form_id, formVersion: existing.form_version },
    });
    const row = await findKartlaggning(tx, actor.organisationId, access.person.id, kartlaggningId);
    return presentKartlaggning(row!, version);
  });
}
