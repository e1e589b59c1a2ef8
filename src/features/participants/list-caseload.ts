import type { Ctx } from '../../context.ts';
import { normalizeForSearch } from '../../domain/codelists.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { grantsFor } from '../../http/policy.ts';
import { recordAudit } from '../audit/record-event.ts';
import { loadActorProtection } from './access.ts';
import { caseloadFilterExtensions } from './caseload-extensions.ts';
import { todayInSweden } from './dates.ts';
import { participantsPolicy } from './policy.ts';
import { presentListItem } from './present.ts';
import { type CaseloadFilter, caseloadPage } from './repo.ts';
import type { CaseloadQuery } from './schema.ts';

const DAY_MS = 86_400_000;

/** How the search text is read: an identity number in any accepted form, else name prefixes. */
export function interpretSearch(
  q: string | undefined,
  today: string,
): Pick<CaseloadFilter, 'numbers' | 'nameTokens'> {
  const text = q?.trim() ?? '';
  if (text === '') return {};
  if (/^[\d\s+-]+$/.test(text)) {
    const parsed = parsePersonnummer(text.replace(/\s+/g, ''), { referenceDate: today });
    // A number that does not parse matches nobody (it is never used as a name).
    return { numbers: parsed.ok ? [parsed.value.normalized] : [] };
  }
  const tokens = normalizeForSearch(text).split(' ').filter(Boolean);
  return tokens.length > 0 ? { nameTokens: tokens } : {};
}

/**
 * The caseload: persons the actor may see (unit, caseload and protection through `visiblePersons`),
 * narrowed by scope and filters, in Swedish order (sort_key, see migration 004), one page at a time
 * with the total. Writes one `read` event listing the ids shown (raised if a protected person is among
 * them); the search text itself is not logged.
 */
export async function listCaseload(ctx: Ctx, query: CaseloadQuery & Record<string, unknown>) {
  const actor = ctx.actor!;
  const rule = participantsPolicy.rules.read;
  const today = todayInSweden(ctx.clock);
  const search = interpretSearch(query.q, today);
  return ctx.db.transaction().execute(async (tx) => {
    const protection = await loadActorProtection(tx, actor);
    const filter: CaseloadFilter = {
      scope: query.scope,
      ...(query.unitId ? { unitId: query.unitId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.lastContactOlderThanDays !== undefined
        ? { lastContactBefore: new Date(ctx.clock.now().getTime() - query.lastContactOlderThanDays * DAY_MS) }
        : {}),
      ...search,
      extra: caseloadFilterExtensions
        .filter((e) => query[e.param] !== undefined)
        .map((e) => (eb) => e.where(eb, query[e.param], actor, ctx.clock.now())),
      sort: query.sort,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    };
    const { total, rows } =
      search.numbers && search.numbers.length === 0
        ? { total: 0, rows: [] }
        : await caseloadPage(tx, actor, rule, protection, filter);
    const grant = grantsFor(actor, rule)[0]!;
    await recordAudit(tx, ctx, {
      action: 'read',
      objectType: 'person_list',
      role: grant.role,
      unitId: grant.unitId,
      severity: rows.some((r) => r.protection_level !== 'none') ? 'raised' : 'normal',
      details: {
        scope: query.scope,
        search: search.numbers ? 'personnummer' : search.nameTokens ? 'name' : null,
        page: query.page,
        total,
        personIds: rows.map((r) => r.id),
      },
    });
    return {
      items: rows.map((r) => presentListItem(r, today)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    };
  });
}
