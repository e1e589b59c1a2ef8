import type { Ctx } from '../../context.ts';
import { normalizeForSearch } from '../../domain/codelists.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection } from '../participants/access.ts';
import { today } from '../workplaces/rules.ts';
import { placementsPolicy } from './policy.ts';
import { visibleEnrolments } from './repo.ts';

const collator = new Intl.Collator('sv');

/**
 * Enrolments to plan placements for: enrolled or paused, of persons the actor may reach. A search by
 * name never lists persons with protected identity; an exact personnummer finds them (if the actor
 * has the grade's permission), so they can still be placed.
 */
export async function searchEnrolments(ctx: Ctx, query: string) {
  const actor = ctx.actor!;
  const pnr = parsePersonnummer(query, { referenceDate: today(ctx) });
  return ctx.db.transaction().execute(async (tx) => {
    const protection = await loadActorProtection(tx, actor);
    const rows = await visibleEnrolments(tx, actor, placementsPolicy.rules.write, protection, {
      ...(pnr.ok ? { personnummer: pnr.value.normalized } : {}),
      limit: 5000,
    });
    const tokens = normalizeForSearch(query).split(' ').filter(Boolean);
    const hits = rows
      .filter((r) => pnr.ok || r.protection_level === 'none')
      .filter(
        (r) =>
          pnr.ok || tokens.every((t) => normalizeForSearch(`${r.first_name} ${r.last_name}`).includes(t)),
      )
      .slice(0, 50);
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'enrolment_search',
      severity: hits.some((r) => r.protection_level !== 'none') ? 'raised' : 'normal',
      details: { hits: hits.length, byPersonnummer: pnr.ok },
    });
    return hits
      .map((r) => ({
        enrolmentId: r.enrolment_id,
        personId: r.person_id,
        name: `${r.first_name} ${r.last_name}`,
        programme: { id: r.programme_id, name: r.programme_name, kind: r.programme_kind },
        status: r.status,
        startDate: r.start_date,
        plannedEndDate: r.planned_end_date,
        exitDate: r.exit_date,
      }))
      .sort((a, b) => collator.compare(a.name, b.name));
  });
}
