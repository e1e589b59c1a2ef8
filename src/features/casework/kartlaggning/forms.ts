import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../../context.ts';
import type { Tx } from '../../../db/connection.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { type FormDefinition, sameDefinition } from './form-rules.ts';
import { parseQuestions, presentFormVersion } from './present.ts';
import {
  findForm,
  findFormVersion,
  insertForm,
  insertFormVersion,
  listForms,
  listFormVersions,
  updateFormHead,
} from './repo.ts';
import type { FormDetailView, FormSummaryView, UpdateFormInput } from './schema.ts';

/**
 * Kartläggning forms of the actor's organisation. Forms hold no personal data, so reading them writes
 * no audit event; every change does. A change never edits a version: it adds the next one.
 */

const collator = new Intl.Collator('sv');

function organisationOf(ctx: Ctx, explicit?: string): string {
  const id = explicit ?? ctx.actor?.organisationId;
  if (!id) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  return id;
}

export async function listKartlaggningForms(
  ctx: Ctx,
  opts: { activeOnly?: boolean } = {},
): Promise<{ forms: FormSummaryView[] }> {
  const rows = await listForms(ctx.db, organisationOf(ctx));
  return {
    forms: rows
      .filter((r) => !opts.activeOnly || r.active)
      .map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        active: r.active,
        currentVersion: r.current_version,
        updatedAt: new Date(r.updated_at).toISOString(),
      }))
      .sort((a, b) => collator.compare(a.name, b.name)),
  };
}

async function loadFormDetail(
  tx: Tx,
  organisationId: string,
  formId: string,
  version?: number,
): Promise<FormDetailView> {
  const form = await findForm(tx, organisationId, formId);
  if (!form) throw notFound();
  const v = await findFormVersion(tx, organisationId, formId, version ?? form.current_version);
  if (!v) throw notFound();
  const versions = await listFormVersions(tx, organisationId, formId);
  return {
    id: form.id,
    name: form.name,
    description: v.description,
    active: form.active,
    currentVersion: form.current_version,
    updatedAt: new Date(form.updated_at).toISOString(),
    version: presentFormVersion(v),
    versions: versions.map((x) => ({
      version: x.version,
      name: x.name,
      createdAt: new Date(x.created_at).toISOString(),
      createdByName: x.created_by_name,
    })),
  };
}

/** One form with the given version (default: the current one) and the list of its versions. */
export async function getKartlaggningForm(
  ctx: Ctx,
  formId: string,
  version?: number,
): Promise<FormDetailView> {
  return loadFormDetail(ctx.db, organisationOf(ctx), formId, version);
}

/** Creates a form with its version 1. `organisationId` is for setup without a signed-in user (demo). */
export async function createKartlaggningForm(
  ctx: Ctx,
  definition: FormDefinition,
  opts: { grant?: RoleGrant | null; organisationId?: string } = {},
): Promise<FormDetailView> {
  const organisationId = organisationOf(ctx, opts.organisationId);
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await insertForm(tx, {
      organisationId,
      id,
      name: definition.name,
      createdBy: ctx.actor?.userId ?? null,
      at: now,
    });
    await insertFormVersion(tx, {
      organisationId,
      formId: id,
      version: 1,
      name: definition.name,
      description: definition.description,
      questions: definition.questions,
      createdBy: ctx.actor?.userId ?? null,
      at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      organisationId,
      objectType: 'kartlaggning_form',
      objectId: id,
      ...(opts.grant ? { role: opts.grant.role, unitId: opts.grant.unitId } : {}),
      details: { version: 1, questions: definition.questions.length },
    });
  });
  return loadFormDetail(ctx.db, organisationId, id);
}

/**
 * Saves an edited form. If the questions, name or description differ from the current version, the
 * next version is added and becomes current; assessments already written keep their version.
 */
export async function updateKartlaggningForm(
  ctx: Ctx,
  formId: string,
  input: UpdateFormInput,
  grant: RoleGrant,
): Promise<FormDetailView> {
  const organisationId = organisationOf(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const form = await findForm(tx, organisationId, formId, true);
    if (!form) throw notFound();
    if (input.baseVersion !== undefined && input.baseVersion !== form.current_version) {
      throw new AppError(409, 'conflict', {
        sv: `Formuläret har ändrats av någon annan (nu version ${form.current_version}). Ladda om och gör ändringen igen.`,
        en: `The form was changed by someone else (now version ${form.current_version}). Reload and make the change again.`,
      });
    }
    const current = await findFormVersion(tx, organisationId, formId, form.current_version);
    const unchanged =
      current !== undefined &&
      sameDefinition(input.definition, {
        name: current.name,
        description: current.description,
        questions: parseQuestions(current.questions),
      });
    const version = unchanged ? form.current_version : form.current_version + 1;
    if (!unchanged) {
      await insertFormVersion(tx, {
        organisationId,
        formId,
        version,
        name: input.definition.name,
        description: input.definition.description,
        questions: input.definition.questions,
        createdBy: ctx.actor?.userId ?? null,
        at: now,
      });
    }
    if (unchanged && input.active === form.active) return;
    await updateFormHead(tx, organisationId, formId, {
      name: input.definition.name,
      currentVersion: version,
      active: input.active,
      at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'kartlaggning_form',
      objectId: formId,
      role: grant.role,
      unitId: grant.unitId,
      details: { version, newVersion: !unchanged, active: input.active },
    });
  });
  return getKartlaggningForm(ctx, formId);
}
