import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { auditWorkplace } from './audit.ts';
import { lockWorkplace } from './lock.ts';
import { deleteSupervisorRow, insertSupervisors, partUsedByPlacement, updateSupervisorRow } from './repo.ts';
import { checkSupervisor, clean, Issues } from './rules.ts';
import type { SupervisorInput } from './schema.ts';

/** Supervisors (handledare): add, change, remove. Each change is one transaction with its audit event. */

function validated(ctx: Ctx, input: SupervisorInput) {
  const issues = new Issues(ctx.lang);
  checkSupervisor(input, 'body', issues);
  issues.throwIfAny();
  return {
    name: input.name.trim(),
    title: clean(input.title),
    phone: clean(input.phone),
    email: clean(input.email),
    active: input.active ?? true,
  };
}

export async function addSupervisor(ctx: Ctx, grant: RoleGrant, workplaceId: string, input: SupervisorInput) {
  const values = validated(ctx, input);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const now = ctx.clock.now();
    await insertSupervisors(tx, [
      {
        organisation_id: w.organisation_id,
        workplace_id: w.id,
        id,
        ...values,
        created_at: now,
        updated_at: now,
      },
    ]);
    await auditWorkplace(tx, ctx, grant, 'create', workplaceId, { part: 'supervisor', supervisorId: id });
  });
  return { id };
}

export async function updateSupervisor(
  ctx: Ctx,
  grant: RoleGrant,
  workplaceId: string,
  supervisorId: string,
  input: SupervisorInput,
) {
  const values = validated(ctx, input);
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const n = await updateSupervisorRow(tx, w.organisation_id, w.id, supervisorId, {
      ...values,
      updated_at: ctx.clock.now(),
    });
    if (n === 0) throw notFound();
    await auditWorkplace(tx, ctx, grant, 'update', workplaceId, { part: 'supervisor', supervisorId });
  });
}

/** Removes a supervisor who has never been named on a placement; otherwise mark them inactive instead. */
export async function removeSupervisor(
  ctx: Ctx,
  grant: RoleGrant,
  workplaceId: string,
  supervisorId: string,
) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    if (await partUsedByPlacement(tx, w.organisation_id, 'supervisor_id', supervisorId)) {
      throw new AppError(409, 'supervisor_in_use', {
        sv: 'Handledaren finns på placeringar och kan inte tas bort. Markera handledaren som inaktiv i stället.',
        en: 'The supervisor is named on placements and cannot be removed. Mark them inactive instead.',
      });
    }
    const n = await deleteSupervisorRow(tx, w.organisation_id, w.id, supervisorId);
    if (n === 0) throw notFound();
    await auditWorkplace(tx, ctx, grant, 'delete', workplaceId, { part: 'supervisor', supervisorId });
  });
}
