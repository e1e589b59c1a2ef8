import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { auditWorkplace } from './audit.ts';
import { lockWorkplace } from './lock.ts';
import { deleteSlotRow, insertSlots, partUsedByPlacement, updateSlotRow } from './repo.ts';
import { checkSlot, checkSsykCodes, clean, Issues } from './rules.ts';
import type { SlotInput } from './schema.ts';

/** Slots (platser per period): add, change, remove. */

async function validated(ctx: Ctx, tx: Tx, input: SlotInput) {
  const issues = new Issues(ctx.lang);
  checkSlot(input, 'body', issues);
  const code = clean(input.ssykCode);
  const codes = code ? await checkSsykCodes(tx, [code], issues, () => 'body.ssykCode') : [];
  issues.throwIfAny();
  return {
    period_from: input.periodFrom,
    period_to: input.periodTo,
    places: input.places,
    ssyk_code: codes[0]?.code ?? null,
    ssyk_version: codes[0]?.version ?? null,
    note: clean(input.note),
  };
}

export async function addSlot(ctx: Ctx, grant: RoleGrant, workplaceId: string, input: SlotInput) {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const values = await validated(ctx, tx, input);
    const now = ctx.clock.now();
    await insertSlots(tx, [
      {
        organisation_id: w.organisation_id,
        workplace_id: w.id,
        id,
        ...values,
        created_at: now,
        updated_at: now,
      },
    ]);
    await auditWorkplace(tx, ctx, grant, 'create', workplaceId, {
      part: 'slot',
      slotId: id,
      places: values.places,
    });
  });
  return { id };
}

export async function updateSlot(
  ctx: Ctx,
  grant: RoleGrant,
  workplaceId: string,
  slotId: string,
  input: SlotInput,
) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const values = await validated(ctx, tx, input);
    const n = await updateSlotRow(tx, w.organisation_id, w.id, slotId, {
      ...values,
      updated_at: ctx.clock.now(),
    });
    if (n === 0) throw notFound();
    await auditWorkplace(tx, ctx, grant, 'update', workplaceId, {
      part: 'slot',
      slotId,
      places: values.places,
    });
  });
}

export async function removeSlot(ctx: Ctx, grant: RoleGrant, workplaceId: string, slotId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    if (await partUsedByPlacement(tx, w.organisation_id, 'slot_id', slotId)) {
      throw new AppError(409, 'slot_in_use', {
        sv: 'Platsen används av placeringar och kan inte tas bort.',
        en: 'The slot is used by placements and cannot be removed.',
      });
    }
    const n = await deleteSlotRow(tx, w.organisation_id, w.id, slotId);
    if (n === 0) throw notFound();
    await auditWorkplace(tx, ctx, grant, 'delete', workplaceId, { part: 'slot', slotId });
  });
}
