/**
 * Keys, indexes and foreign keys to drop before a bulk write and build again after it: building a
 * b-tree once by sorting beats inserting row by row, and re-adding a foreign key checks every row in
 * one join instead of a trigger per row. The definitions come from the catalogue, so what is built
 * again is exactly what was there, including whatever a later migration adds. Used by the generator
 * (`insats generate`) and by the full outcome refresh on PGlite.
 */

/** Runs one catalogue query with positional parameters ($1 …). */
export type CatalogueQuery = <R>(text: string, params: unknown[]) => Promise<R[]>;

export interface SavedDefinition {
  table: string;
  name: string;
  definition: string;
}

export interface SavedDefinitions {
  primaryKeys: SavedDefinition[];
  /** Indexes that back no constraint. */
  indexes: SavedDefinition[];
  /** Foreign keys on the tables and those on other tables that point at them. */
  foreignKeys: SavedDefinition[];
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The primary keys, indexes and foreign keys of `tables` (in the current schema). */
export async function droppableDefinitions(
  query: CatalogueQuery,
  tables: readonly string[],
): Promise<SavedDefinitions> {
  const names = `{${tables.join(',')}}`;
  const indexes = await query<SavedDefinition>(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class c ON c.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relname::text = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = c.oid)
     ORDER BY c.relname, i.relname`,
    [names],
  );
  const constraints = await query<SavedDefinition & { kind: string }>(
    `SELECT c.relname AS table, k.conname AS name, k.contype AS kind, pg_get_constraintdef(k.oid) AS definition
     FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_class r ON r.oid = k.confrelid
     WHERE n.nspname = current_schema()
       AND ((c.relname::text = ANY($1::text[]) AND k.contype IN ('p', 'f'))
         OR (k.contype = 'f' AND r.relname::text = ANY($1::text[])))
     ORDER BY c.relname, k.conname`,
    [names],
  );
  return {
    primaryKeys: constraints.filter((k) => k.kind === 'p'),
    indexes,
    foreignKeys: constraints.filter((k) => k.kind === 'f'),
  };
}

/** Drops them: foreign keys first (they depend on the keys), then keys, then indexes. */
export async function dropDefinitions(query: CatalogueQuery, saved: SavedDefinitions): Promise<void> {
  for (const k of [...saved.foreignKeys, ...saved.primaryKeys]) {
    await query(`ALTER TABLE ${quoteIdent(k.table)} DROP CONSTRAINT ${quoteIdent(k.name)}`, []);
  }
  for (const ix of saved.indexes) await query(`DROP INDEX ${quoteIdent(ix.name)}`, []);
}

/** The statements that build them again, in order: keys, indexes, then foreign keys. */
export function rebuildStatements(saved: SavedDefinitions): string[] {
  const add = (k: SavedDefinition) =>
    `ALTER TABLE ${quoteIdent(k.table)} ADD CONSTRAINT ${quoteIdent(k.name)} ${k.definition}`;
  return [
    ...saved.primaryKeys.map(add),
    ...saved.indexes.map((ix) => ix.definition),
    ...saved.foreignKeys.map(add),
  ];
}
