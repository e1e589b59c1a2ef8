import type { Ctx, RoleGrant } from '../../context.ts';
import { notFound, ruleViolation } from '../../http/errors.ts';
import { auditWorkplace } from './audit.ts';
import {
  agreementsOf,
  findWorkplace,
  livePlacementPeriods,
  replaceOccupations,
  updateWorkplaceRow,
} from './repo.ts';
import { checkSsykCodes, Issues, normalizeWorkplaceFields, uncoveredPlacements } from './rules.ts';
import type { WorkplaceFields } from './schema.ts';

/** Replaces a workplace's own fields (and its occupations, when given). One audit event. */
export async function updateWorkplace(ctx: Ctx, grant: RoleGrant, id: string, input: WorkplaceFields) {
  const organisationId = ctx.actor!.organisationId;
  const issues = new Issues(ctx.lang);
  const fields = normalizeWorkplaceFields(ctx, input, issues);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await findWorkplace(tx, organisationId, id, true);
    if (!current) throw notFound();
    const occupations =
      input.occupations === undefined
        ? undefined
        : await checkSsykCodes(tx, input.occupations, issues, (i) => `body.occupations.${i}`);
    issues.throwIfAny();
    if (current.kind !== fields.kind) {
      const agreements = await agreementsOf(tx, organisationId, id);
      const placements = await livePlacementPeriods(tx, organisationId, id);
      const periods = agreements.map((a) => ({ start: a.valid_from, end: a.valid_to }));
      const live = placements.map((p) => ({ id: p.id, start: p.start_date, end: p.end_date }));
      const before = new Set(uncoveredPlacements(current.kind, periods, live));
      const uncovered = uncoveredPlacements(fields.kind, periods, live).filter((p) => !before.has(p));
      if (uncovered.length > 0) {
        throw ruleViolation(
          'placements_without_agreement',
          `Arbetsplatsen har ${uncovered.length} placeringar som inte ryms i något avtal. Registrera avtal först.`,
          `The workplace has ${uncovered.length} placements outside every agreement. Record agreements first.`,
        );
      }
    }
    await updateWorkplaceRow(tx, organisationId, id, { ...fields, updated_at: ctx.clock.now() });
    if (occupations) await replaceOccupations(tx, organisationId, id, occupations);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== current[k]);
    await auditWorkplace(tx, ctx, grant, 'update', id, {
      changed,
      ...(occupations ? { occupations: occupations.length } : {}),
    });
  });
}
