import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { insertOrganisation, insertUnit } from './repo.ts';

export interface UnitInput {
  /** Caller's key for the unit, so parents can be named before ids exist. */
  key: string;
  name: string;
  kind: string;
  parentKey?: string;
}

/** Creates a municipality with its unit tree (CLI `demo`, setup). Returns unit ids by key. */
export async function createOrganisation(
  ctx: Ctx,
  input: { name: string; municipalityCode?: string; units: UnitInput[] },
): Promise<{ organisationId: string; unitIds: Map<string, string> }> {
  const organisationId = randomUUID();
  const unitIds = new Map(input.units.map((u) => [u.key, randomUUID()]));
  await ctx.db.transaction().execute(async (tx) => {
    await insertOrganisation(tx, {
      id: organisationId,
      name: input.name,
      municipalityCode: input.municipalityCode ?? null,
    });
    for (const u of input.units) {
      const parentId = u.parentKey ? unitIds.get(u.parentKey) : undefined;
      if (u.parentKey && !parentId) throw new Error(`Okänd överordnad enhet: ${u.parentKey}`);
      await insertUnit(tx, {
        organisationId,
        id: unitIds.get(u.key)!,
        name: u.name,
        kind: u.kind,
        parentId: parentId ?? null,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'create',
      organisationId,
      objectType: 'organisation',
      objectId: organisationId,
      details: { units: input.units.length },
    });
  });
  return { organisationId, unitIds };
}
