import type { z } from 'zod';
import type { Ctx, RoleGrant } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { listMappings, upsertMapping } from './repo.ts';
import type { accountMappingSchema } from './schema.ts';
import { grantFields, organisationOf, requireProgramme } from './shared.ts';

/** Sets where an account + cost centre of the finance system books: a programme and a category. */
export async function setAccountMapping(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: z.infer<typeof accountMappingSchema>,
): Promise<void> {
  const organisationId = organisationOf(ctx);
  await requireProgramme(ctx, input.programmeId);
  await ctx.db.transaction().execute(async (tx) => {
    await upsertMapping(tx, {
      organisationId,
      account: input.account,
      costCentre: input.costCentre,
      programmeId: input.programmeId,
      category: input.category,
      enteredBy: ctx.actor?.userId ?? null,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'update',
      objectType: 'finance_account_mapping',
      objectId: `${input.account}/${input.costCentre}`,
      ...grantFields(grant),
      details: { programmeId: input.programmeId, category: input.category },
    });
  });
}

export async function accountMappings(ctx: Ctx) {
  const rows = await listMappings(ctx.db, organisationOf(ctx));
  return rows.map((r) => ({
    account: r.account,
    costCentre: r.cost_centre,
    programmeId: r.programme_id,
    category: r.category,
  }));
}
