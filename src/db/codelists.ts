import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './connection.ts';

const CODELISTS_DIR = path.resolve(import.meta.dirname, '../../codelists');

interface IndexFile {
  files: { file: string; system: string; version: string; count: number }[];
}

interface ListFile {
  system: string;
  version: string;
  title?: string;
  source: string;
  retrieved: string;
  licence: string;
  codes: {
    code: string;
    name: string;
    nameLang?: string;
    parent?: string;
    level?: number;
    conceptId?: string;
  }[];
}

/**
 * Loads the shipped code lists (codelists/*.json) that the database does not have yet. A list is
 * identified by system and version, so a new version is added beside the old one, never over it.
 */
export async function loadCodeLists(db: Db, dir = CODELISTS_DIR): Promise<string[]> {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as IndexFile;
  const present = new Set(
    (await db.selectFrom('code_list').select(['system', 'version']).execute()).map(
      (r) => `${r.system}@${r.version}`,
    ),
  );
  const loaded: string[] = [];
  for (const entry of index.files) {
    if (present.has(`${entry.system}@${entry.version}`)) continue;
    const list = JSON.parse(readFileSync(path.join(dir, entry.file), 'utf8')) as ListFile;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('code_list')
        .values({
          system: list.system,
          version: list.version,
          title: list.title ?? list.system,
          source: list.source,
          retrieved: list.retrieved,
          licence: list.licence,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (let i = 0; i < list.codes.length; i += 1000) {
        await tx
          .insertInto('code')
          .values(
            list.codes.slice(i, i + 1000).map((c) => ({
              system: list.system,
              version: list.version,
              code: c.code,
              name: c.name,
              name_lang: c.nameLang ?? 'sv',
              parent: c.parent ?? null,
              level: c.level ?? null,
              concept_id: c.conceptId ?? null,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    });
    loaded.push(`${list.system}@${list.version}`);
  }
  return loaded;
}
