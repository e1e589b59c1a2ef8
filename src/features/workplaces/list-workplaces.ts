import type { Ctx } from '../../context.ts';
import { normalizeForSearch } from '../../domain/codelists.ts';
import { formatOrganisationsnummer } from '../../domain/orgnr.ts';
import { periodCovered } from '../placements/periods.ts';
import { agreementPeriods, lastChecks, listWorkplaceRows, supervisorCounts } from './repo.ts';
import { today } from './rules.ts';
import type { WorkplaceKind } from './schema.ts';

const collator = new Intl.Collator('sv');

/**
 * The organisation's workplaces, sorted in Swedish order. The search folds case and diacritics
 * (PGlite has no ICU collation) and matches name, organisationsnummer, sector, city and area.
 */
export async function listWorkplaces(
  ctx: Ctx,
  filter: { q?: string; kind?: WorkplaceKind; includeInactive?: boolean },
) {
  const organisationId = ctx.actor!.organisationId;
  const refDate = today(ctx);
  const { rows, supervisors, agreements, checks } = await ctx.db.transaction().execute(async (tx) => ({
    rows: await listWorkplaceRows(tx, organisationId),
    supervisors: await supervisorCounts(tx, organisationId),
    agreements: await agreementPeriods(tx, organisationId),
    checks: await lastChecks(tx, organisationId),
  }));
  const supervisorsBy = new Map(supervisors.map((s) => [s.workplace_id, Number(s.n)]));
  const checkBy = new Map(checks.map((c) => [c.workplace_id, c.last as string | null]));
  const agreementsBy = new Map<string, { start: string; end: string | null }[]>();
  for (const a of agreements) {
    agreementsBy.set(a.workplace_id, [
      ...(agreementsBy.get(a.workplace_id) ?? []),
      { start: a.valid_from, end: a.valid_to },
    ]);
  }
  const tokens = normalizeForSearch(filter.q ?? '')
    .split(' ')
    .filter(Boolean);
  return rows
    .filter((w) => filter.includeInactive || w.active)
    .filter((w) => !filter.kind || w.kind === filter.kind)
    .filter((w) => {
      if (tokens.length === 0) return true;
      const hay = normalizeForSearch(
        [w.name, w.organisationsnummer, w.sector_code, w.sector_label, w.city, w.area]
          .filter(Boolean)
          .join(' '),
      );
      const digits = (filter.q ?? '').replace(/\D/g, '');
      return (
        tokens.every((t) => hay.includes(t)) ||
        (digits.length >= 6 && (w.organisationsnummer ?? '').includes(digits))
      );
    })
    .map((w) => ({
      id: w.id,
      kind: w.kind as WorkplaceKind,
      name: w.name,
      organisationsnummer: w.organisationsnummer
        ? formatOrganisationsnummer(w.organisationsnummer, refDate)
        : null,
      sectorCode: w.sector_code,
      sectorLabel: w.sector_label,
      city: w.city,
      area: w.area,
      active: w.active,
      supervisors: supervisorsBy.get(w.id) ?? 0,
      agreementValidToday: periodCovered({ start: refDate, end: refDate }, agreementsBy.get(w.id) ?? []),
      lastCheckedOn: checkBy.get(w.id) ?? null,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
