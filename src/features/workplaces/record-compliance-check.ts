import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { auditWorkplace } from './audit.ts';
import { lockWorkplace } from './lock.ts';
import { insertComplianceCheck } from './repo.ts';
import { checkComplianceCheck, clean, Issues, today } from './rules.ts';
import type { ComplianceCheckInput } from './schema.ts';

/**
 * Records a compliance check (kollektivavtal, registerutdrag for work with children, rules for
 * minors, risk assessment). Checks are kept as history; the newest is the one in force.
 */
export async function recordComplianceCheck(
  ctx: Ctx,
  grant: RoleGrant,
  workplaceId: string,
  input: ComplianceCheckInput,
) {
  const issues = new Issues(ctx.lang);
  checkComplianceCheck(input, 'body', issues, today(ctx));
  issues.throwIfAny();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    await insertComplianceCheck(tx, {
      organisation_id: w.organisation_id,
      workplace_id: w.id,
      id,
      checked_on: input.checkedOn,
      collective_agreement: input.collectiveAgreement,
      criminal_record_extract_required: input.criminalRecordExtractRequired,
      minors_rules_acknowledged: input.minorsRulesAcknowledged,
      risk_assessment_on: input.riskAssessmentOn ?? null,
      note: clean(input.note),
      recorded_by: ctx.actor!.userId,
      recorded_at: ctx.clock.now(),
    });
    await auditWorkplace(tx, ctx, grant, 'create', workplaceId, {
      part: 'compliance_check',
      checkId: id,
      checkedOn: input.checkedOn,
    });
  });
  return { id };
}
