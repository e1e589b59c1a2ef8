import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { notFound, ruleViolation } from '../../http/errors.ts';
import { auditWorkplace } from './audit.ts';
import { lockWorkplace } from './lock.ts';
import {
  agreementsOf,
  deleteAgreementRow,
  insertAgreements,
  livePlacementPeriods,
  updateAgreementRow,
} from './repo.ts';
import { checkAgreement, clean, Issues, uncoveredPlacements } from './rules.ts';
import type { AgreementInput } from './schema.ts';

/** Agreements (avtal): add, change, remove. A change may not leave a live placement outside every agreement. */

function validated(ctx: Ctx, input: AgreementInput) {
  const issues = new Issues(ctx.lang);
  checkAgreement(input, 'body', issues);
  issues.throwIfAny();
  return {
    type: input.type,
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    reference: clean(input.reference),
    note: clean(input.note),
  };
}

type AgreementRows = Awaited<ReturnType<typeof agreementsOf>>;

/**
 * Rejects a change that leaves a live placement outside every agreement when it was inside one
 * before (placements that predate a municipal unit's first agreement are not made wrong by it).
 */
async function assertNoPlacementUncovered(
  tx: Tx,
  organisationId: string,
  workplaceId: string,
  kind: string,
  before: AgreementRows,
) {
  const after = await agreementsOf(tx, organisationId, workplaceId);
  const placements = (await livePlacementPeriods(tx, organisationId, workplaceId)).map((p) => ({
    id: p.id,
    start: p.start_date,
    end: p.end_date,
  }));
  const periods = (rows: AgreementRows) => rows.map((a) => ({ start: a.valid_from, end: a.valid_to }));
  const wasUncovered = new Set(uncoveredPlacements(kind, periods(before), placements));
  const uncovered = uncoveredPlacements(kind, periods(after), placements).filter(
    (id) => !wasUncovered.has(id),
  );
  if (uncovered.length > 0) {
    throw ruleViolation(
      'placements_without_agreement',
      `Ändringen skulle lämna ${uncovered.length} placeringar utanför avtalets giltighetstid. Ändra placeringarna först.`,
      `The change would leave ${uncovered.length} placements outside the agreement's validity. Change them first.`,
    );
  }
}

export async function addAgreement(ctx: Ctx, grant: RoleGrant, workplaceId: string, input: AgreementInput) {
  const values = validated(ctx, input);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const now = ctx.clock.now();
    await insertAgreements(tx, [
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
      part: 'agreement',
      agreementId: id,
      type: values.type,
      validFrom: values.valid_from,
      validTo: values.valid_to,
    });
  });
  return { id };
}

export async function updateAgreement(
  ctx: Ctx,
  grant: RoleGrant,
  workplaceId: string,
  agreementId: string,
  input: AgreementInput,
) {
  const values = validated(ctx, input);
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const before = await agreementsOf(tx, w.organisation_id, w.id);
    const n = await updateAgreementRow(tx, w.organisation_id, w.id, agreementId, {
      ...values,
      updated_at: ctx.clock.now(),
    });
    if (n === 0) throw notFound();
    await assertNoPlacementUncovered(tx, w.organisation_id, w.id, w.kind, before);
    await auditWorkplace(tx, ctx, grant, 'update', workplaceId, {
      part: 'agreement',
      agreementId,
      type: values.type,
      validFrom: values.valid_from,
      validTo: values.valid_to,
    });
  });
}

export async function removeAgreement(ctx: Ctx, grant: RoleGrant, workplaceId: string, agreementId: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const w = await lockWorkplace(ctx, tx, workplaceId);
    const before = await agreementsOf(tx, w.organisation_id, w.id);
    const n = await deleteAgreementRow(tx, w.organisation_id, w.id, agreementId);
    if (n === 0) throw notFound();
    await assertNoPlacementUncovered(tx, w.organisation_id, w.id, w.kind, before);
    await auditWorkplace(tx, ctx, grant, 'delete', workplaceId, { part: 'agreement', agreementId });
  });
}
