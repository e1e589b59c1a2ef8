import type { Db, Tx } from '../../db/connection.ts';
import { type CodeListEntry, normalizeForSearch, searchCodes } from '../../domain/codelists.ts';
import { AppError } from '../../http/errors.ts';
import { codesOf, currentCodeListVersion } from './repo.ts';

/** The code lists the registry uses, by the `system` stored in `code_list`. */
export const SYSTEMS = {
  language: 'ISO639',
  educationLevel: 'SUN2020-level',
  occupation: 'SSYK2012',
  unemploymentFund: 'JobTech-unemployment-fund',
  drivingLicence: 'JobTech-driving-licence',
} as const;

export interface LoadedCodeList {
  system: string;
  version: string;
  entries: CodeListEntry[];
  byCode: Map<string, CodeListEntry>;
  /** Folded name → entry, for import files that give a name instead of a code. */
  byFoldedName: Map<string, CodeListEntry>;
}

// A (system, version) list never changes once loaded, so it is cached per database for the process.
const cache = new WeakMap<Db, Map<string, Promise<LoadedCodeList | undefined>>>();

async function load(db: Tx, system: string): Promise<LoadedCodeList | undefined> {
  const version = await currentCodeListVersion(db, system);
  if (!version) return undefined;
  const rows = await codesOf(db, system, version);
  const entries: CodeListEntry[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    nameLang: r.name_lang === 'en' ? 'en' : 'sv',
    ...(r.parent === null ? {} : { parent: r.parent }),
    ...(r.level === null ? {} : { level: r.level }),
    ...(r.concept_id === null ? {} : { conceptId: r.concept_id }),
  }));
  const byFoldedName = new Map<string, CodeListEntry>();
  for (const e of entries) {
    const key = normalizeForSearch(e.name);
    if (!byFoldedName.has(key)) byFoldedName.set(key, e);
  }
  return { system, version, entries, byCode: new Map(entries.map((e) => [e.code, e])), byFoldedName };
}

/** The current version of a code list (cached). `db` must be the database, not a transaction. */
export function codeList(db: Db, system: string): Promise<LoadedCodeList | undefined> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let found = perDb.get(system);
  if (!found) {
    found = load(db, system);
    perDb.set(system, found);
    found.catch(() => perDb.delete(system));
  }
  return found;
}

export async function requireCodeList(db: Db, system: string): Promise<LoadedCodeList> {
  const list = await codeList(db, system);
  if (!list) throw new Error(`Kodlistan ${system} är inte inläst.`);
  return list;
}

export interface PersonCodeLists {
  language: LoadedCodeList;
  educationLevel: LoadedCodeList;
  occupation: LoadedCodeList;
  unemploymentFund: LoadedCodeList;
  drivingLicence: LoadedCodeList;
}

export async function personCodeLists(db: Db): Promise<PersonCodeLists> {
  const [language, educationLevel, occupation, unemploymentFund, drivingLicence] = await Promise.all([
    requireCodeList(db, SYSTEMS.language),
    requireCodeList(db, SYSTEMS.educationLevel),
    requireCodeList(db, SYSTEMS.occupation),
    requireCodeList(db, SYSTEMS.unemploymentFund),
    requireCodeList(db, SYSTEMS.drivingLicence),
  ]);
  return { language, educationLevel, occupation, unemploymentFund, drivingLicence };
}

export interface CodeSearchResult {
  system: string;
  version: string;
  codes: { code: string; name: string; nameLang: string; level: number | null; parent: string | null }[];
}

/**
 * Searches one code list (reference data, no personal data): `searchCodes` ranking for a query, or
 * the list in code order when the query is empty (for short lists shown as choices).
 */
export async function searchCodeList(
  db: Db,
  system: string,
  opts: { q?: string; level?: number; limit: number },
): Promise<CodeSearchResult> {
  const list = await codeList(db, system);
  if (!list) {
    throw new AppError(404, 'not_found', {
      sv: 'Kodlistan finns inte.',
      en: 'The code list does not exist.',
    });
  }
  const pool = opts.level === undefined ? list.entries : list.entries.filter((e) => e.level === opts.level);
  const q = opts.q?.trim() ?? '';
  const hits = q === '' ? pool.slice(0, opts.limit) : searchCodes(pool, q, opts.limit);
  return {
    system: list.system,
    version: list.version,
    codes: hits.map((e) => ({
      code: e.code,
      name: e.name,
      nameLang: e.nameLang,
      level: e.level ?? null,
      parent: e.parent ?? null,
    })),
  };
}
