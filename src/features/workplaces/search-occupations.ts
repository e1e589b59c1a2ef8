import type { Ctx } from '../../context.ts';
import { type CodeListEntry, searchCodes } from '../../domain/codelists.ts';
import { codesOfList, latestCodeListVersion } from './repo.ts';
import { SSYK_SYSTEM } from './rules.ts';

const cache = new Map<string, CodeListEntry[]>();

/** Searches SSYK 2012 by code or name (names are SCB's English names; see codelists/README.md). */
export async function searchOccupations(ctx: Ctx, query: string, limit = 20) {
  return ctx.db.transaction().execute(async (tx) => {
    const version = await latestCodeListVersion(tx, SSYK_SYSTEM);
    if (!version) return { version: null, codes: [] };
    let entries = cache.get(version);
    if (!entries) {
      entries = (await codesOfList(tx, SSYK_SYSTEM, version)).map((r) => ({
        code: r.code,
        name: r.name,
        nameLang: r.name_lang === 'en' ? ('en' as const) : ('sv' as const),
        ...(r.parent ? { parent: r.parent } : {}),
        ...(r.level ? { level: r.level } : {}),
      }));
      cache.set(version, entries);
    }
    return {
      version,
      codes: searchCodes(entries, query, limit).map((e) => ({
        code: e.code,
        name: e.name,
        level: e.level ?? null,
      })),
    };
  });
}
