import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { sekToOre } from '../../domain/budget.ts';
import { recordAudit } from '../audit/record-event.ts';
import { insertBudgetLine, insertCostOutcomes } from './repo.ts';
import type { BudgetLineInput, CostOutcomeInput } from './schema.ts';
import { grantFields, organisationOf, requireProgramme } from './shared.ts';

/** Records a budgeted (forecast) amount for a category and period: one month or e.g. the whole programme period. */
export async function addBudgetLine(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  input: BudgetLineInput,
): Promise<{ id: string }> {
  const organisationId = organisationOf(ctx);
  await requireProgramme(ctx, programmeId);
  const id = randomUUID();
  const amountOre = sekToOre(input.amountSek);
  await ctx.db.transaction().execute(async (tx) => {
    await insertBudgetLine(tx, {
      id,
      organisationId,
      programmeId,
      category: input.category,
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      amountOre,
      note: input.note ?? null,
      enteredBy: ctx.actor?.userId ?? null,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'finance_budget_line',
      objectId: id,
      ...grantFields(grant),
      details: {
        programmeId,
        category: input.category,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        amountOre,
      },
    });
  });
  return { id };
}

/** Records a cost outcome entered by hand (or a total taken from the finance system) for a category and period. */
export async function addCostOutcome(
  ctx: Ctx,
  grant: RoleGrant | null,
  programmeId: string,
  input: CostOutcomeInput,
): Promise<{ id: string }> {
  const organisationId = organisationOf(ctx);
  await requireProgramme(ctx, programmeId);
  const id = randomUUID();
  const amountOre = sekToOre(input.amountSek);
  await ctx.db.transaction().execute(async (tx) => {
    await insertCostOutcomes(tx, [
      {
        id,
        organisationId,
        programmeId,
        category: input.category,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        amountOre,
        source: input.source,
        importId: null,
        importLine: null,
        account: null,
        costCentre: null,
        text: input.text ?? null,
        enteredBy: ctx.actor?.userId ?? null,
        now: ctx.clock.now(),
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'finance_cost_outcome',
      objectId: id,
      ...grantFields(grant),
      details: {
        programmeId,
        category: input.category,
        periodFrom: input.periodFrom,
        amountOre,
        source: input.source,
      },
    });
  });
  return { id };
}
