import type { Ctx, RoleGrant } from '../../context.ts';
import type { AmountLine, CostCategory } from '../../domain/budget.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { findProgramme } from './repo.ts';

export function organisationOf(ctx: Ctx): string {
  const id = ctx.actor?.organisationId;
  if (!id) throw new AppError(401, 'unauthenticated', 'unauthenticated');
  return id;
}

export async function requireProgramme(ctx: Ctx, programmeId: string) {
  const programme = await findProgramme(ctx.db, organisationOf(ctx), programmeId);
  if (!programme) throw notFound();
  return programme;
}

export const grantFields = (grant: RoleGrant | null | undefined) =>
  grant ? { role: grant.role, unitId: grant.unitId } : {};

export const toLine = (r: {
  category: string;
  period_from: string;
  period_to: string;
  amount_ore: number;
}): AmountLine => ({
  category: r.category as CostCategory,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  amountOre: Number(r.amount_ore),
});
