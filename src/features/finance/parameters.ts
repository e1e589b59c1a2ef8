import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { PARAMETER_SPECS } from '../../domain/socioeconomic.ts';
import { recordAudit } from '../audit/record-event.ts';
import { insertParameter, listParameterRows } from './repo.ts';
import type { ParameterInput } from './schema.ts';
import { grantFields, organisationOf } from './shared.ts';

export interface ParameterRow {
  id: string;
  year: number;
  key: string;
  value: number;
  unit: string;
  source: string;
  enteredBy: string | null;
  enteredAt: string;
}

/**
 * Adds a version of a parameter for a year. Rows are never overwritten: the latest version for (year, key)
 * is in force, earlier ones stay so that an earlier calculation can be reproduced from the ids it recorded.
 */
export async function addParameter(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: ParameterInput,
): Promise<{ id: string }> {
  const organisationId = organisationOf(ctx);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await insertParameter(tx, {
      organisationId,
      id,
      year: input.year,
      key: input.key,
      value: input.value,
      unit: input.unit,
      source: input.source,
      enteredBy: ctx.actor?.userId ?? null,
      enteredByName: ctx.actor?.displayName ?? null,
      now: ctx.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'create',
      objectType: 'socioeconomic_parameter',
      objectId: id,
      ...grantFields(grant),
      details: {
        year: input.year,
        key: input.key,
        value: input.value,
        unit: input.unit,
        source: input.source,
      },
    });
  });
  return { id };
}

const present = (r: Awaited<ReturnType<typeof listParameterRows>>[number]): ParameterRow => ({
  id: r.id,
  year: r.year,
  key: r.key,
  value: Number(r.value),
  unit: r.unit,
  source: r.source,
  enteredBy: r.entered_by_name,
  enteredAt: new Date(r.entered_at).toISOString(),
});

/** The parameters in force for a year (latest version per key), in the model's key order, then others. */
export async function parametersInForce(ctx: Ctx, year: number): Promise<ParameterRow[]> {
  const rows = await listParameterRows(ctx.db, organisationOf(ctx), year);
  const latest = new Map<string, ParameterRow>();
  for (const r of rows) latest.set(r.key, present(r));
  const order: string[] = PARAMETER_SPECS.map((s) => s.key);
  return [...latest.values()].sort((a, b) => {
    const ia = order.indexOf(a.key);
    const ib = order.indexOf(b.key);
    return (ia < 0 ? 999 : ia) - (ib < 0 ? 999 : ib) || a.key.localeCompare(b.key);
  });
}

/** The parameter editor: the keys the model needs (with unit and label), what is in force, and history. */
export async function parameterEditor(ctx: Ctx, year: number) {
  const inForce = await parametersInForce(ctx, year);
  const history = (await listParameterRows(ctx.db, organisationOf(ctx), year)).map(present).reverse();
  const have = new Set(inForce.map((p) => p.key));
  return {
    year,
    specs: PARAMETER_SPECS,
    inForce,
    missing: PARAMETER_SPECS.filter((s) => !have.has(s.key)).map((s) => s.key),
    history,
  };
}
