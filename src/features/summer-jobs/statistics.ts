import type { Ctx, RoleGrant } from '../../context.ts';
import { ageOn } from '../../domain/allocation/index.ts';
import { type SuppressedCount, suppressTable } from '../../domain/suppression.ts';
import { recordAudit } from '../audit/record-event.ts';
import { listApplications, listOffers, listPeriods, listSlots, seasonChoices } from './repo.ts';
import { grantFields, organisationOf, requireSeason } from './season.ts';

const KIND_LABELS: Record<string, string> = {
  kommunal: 'Kommunal verksamhet',
  foretag: 'Företag',
  forening: 'Förening',
  bemanningsforetag: 'Bemanningsföretag',
};
const SEX_LABELS: Record<string, string> = { K: 'Kvinnor', M: 'Män', X: 'Annat/ej angivet' };

interface Breakdown {
  dimension: string;
  rows: { label: string; applicants: SuppressedCount; placed: SuppressedCount }[];
  total: { applicants: SuppressedCount; placed: SuppressedCount };
}

/** One dimension as a suppressed table: rows = categories, columns = applicants and placed. */
function breakdown(
  dimension: string,
  people: { key: string; placed: boolean }[],
  order: string[],
  label: (k: string) => string,
  threshold: number,
): Breakdown {
  const keys = [...new Set([...order, ...people.map((p) => p.key)])].filter((k) =>
    people.some((p) => p.key === k),
  );
  const cells = keys.map((k) => {
    const ps = people.filter((p) => p.key === k);
    return [ps.length, ps.filter((p) => p.placed).length];
  });
  if (cells.length === 0) {
    const zero: SuppressedCount = { status: 'shown', value: 0, display: '0' };
    return { dimension, rows: [], total: { applicants: zero, placed: zero } };
  }
  // Placed people are a subset of the applicants, so the row totals are not sums: give them as the
  // applicants (distinct people), which is what the table's total line shows.
  const t = suppressTable(
    { cells, rowTotals: cells.map((c) => c[0]!), grandTotal: people.length },
    { threshold },
  );
  return {
    dimension,
    rows: keys.map((k, i) => ({ label: label(k), applicants: t.cells[i]![0]!, placed: t.cells[i]![1]! })),
    total: { applicants: t.columnTotals[0]!, placed: t.columnTotals[1]! },
  };
}

/**
 * Applicants and placed youths by sex, age, area, workplace kind and first-timers, with small-cell
 * suppression (counts 1 … threshold−1 hidden, plus secondary suppression).
 */
export async function seasonStatistics(ctx: Ctx, grant: RoleGrant | null, seasonId: string, threshold = 5) {
  const org = organisationOf(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const season = await requireSeason(tx, org, seasonId);
    const periods = await listPeriods(tx, org, seasonId);
    const slots = new Map((await listSlots(tx, org, seasonId)).map((s) => [s.id, s]));
    const applications = await listApplications(tx, org, seasonId);
    const offers = await listOffers(tx, org, seasonId);
    const firstChoice = new Map(
      (await seasonChoices(tx, org, seasonId))
        .filter((c) => c.rank === 1)
        .map((c) => [c.application_id, c.slot_id]),
    );
    const placedSlot = new Map(
      offers
        .filter((o) => o.status === 'erbjuden' || o.status === 'accepterad')
        .map((o) => [o.application_id, o.slot_id]),
    );
    const firstStart = periods[0]?.starts_on ?? `${season.year}-06-01`;
    const people = applications.map((a) => {
      const slotId = placedSlot.get(a.id) ?? firstChoice.get(a.id);
      const slot = slotId ? slots.get(slotId) : undefined;
      return {
        placed: placedSlot.has(a.id),
        sex: a.sex,
        age: String(ageOn(a.birth_date, firstStart)),
        area: slot?.area ?? 'okänt',
        kind: slot?.workplace_kind ?? 'okänt',
        firstTime: a.first_time ? 'ja' : 'nej',
      };
    });
    const by = (k: keyof (typeof people)[number]) =>
      people.map((p) => ({ key: String(p[k]), placed: p.placed }));
    const ages = [...new Set(people.map((p) => p.age))].sort();
    const result = {
      season: season.name,
      threshold,
      note: 'Område och verksamhetstyp: placerade räknas efter platsen, övriga sökande efter förstahandsvalet.',
      applicants: applications.length,
      breakdowns: [
        breakdown('kön', by('sex'), ['K', 'M', 'X'], (k) => SEX_LABELS[k] ?? k, threshold),
        breakdown('ålder', by('age'), ages, (k) => `${k} år`, threshold),
        breakdown('område', by('area'), [], (k) => k, threshold),
        breakdown(
          'verksamhetstyp',
          by('kind'),
          Object.keys(KIND_LABELS),
          (k) => KIND_LABELS[k] ?? k,
          threshold,
        ),
        breakdown(
          'första gången',
          by('firstTime'),
          ['ja', 'nej'],
          (k) => (k === 'ja' ? 'Första gången' : 'Har haft feriearbete'),
          threshold,
        ),
      ],
    };
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'summer_statistics',
      objectId: seasonId,
      ...grantFields(grant),
      details: { threshold },
    });
    return result;
  });
}
