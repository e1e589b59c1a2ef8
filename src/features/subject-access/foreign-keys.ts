import { sql } from 'kysely';
import type { Tx } from '../../db/connection.ts';

export interface ForeignKey {
  child: string;
  childColumns: string[];
  parent: string;
  parentColumns: string[];
}

/** Every foreign key in the public schema, read from the catalog (same on PGlite and PostgreSQL). */
export async function foreignKeys(tx: Tx): Promise<ForeignKey[]> {
  const rows = await sql<{ child: string; parent: string; child_cols: string[]; parent_cols: string[] }>`
    SELECT c.conrelid::regclass::text AS child,
           c.confrelid::regclass::text AS parent,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_cols,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_cols
      FROM pg_constraint c
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
     ORDER BY 1, 2`.execute(tx);
  return rows.rows.map((r) => ({
    child: r.child,
    parent: r.parent,
    childColumns: r.child_cols,
    parentColumns: r.parent_cols,
  }));
}

/** Tables whose columns name a person without a foreign key (checked by the coverage test). */
export async function tablesWithPersonColumns(tx: Tx): Promise<{ table: string; column: string }[]> {
  const rows = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name::text, column_name::text FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name LIKE '%person_id'
     ORDER BY 1, 2`.execute(tx);
  return rows.rows.map((r) => ({ table: r.table_name, column: r.column_name }));
}

/**
 * Tables that hold a personnummer of their own instead of a foreign key to `person` (e.g. summer-job
 * applications, made by youths who need not be participants): their rows with the person's number are
 * further starting points of the walk.
 */
export async function tablesKeyedByPersonnummer(tx: Tx): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    SELECT c.table_name::text FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND c.column_name = 'personnummer' AND t.table_type = 'BASE TABLE'
     ORDER BY 1`.execute(tx);
  return rows.rows.map((r) => r.table_name).filter((t) => t !== 'person');
}

/**
 * Tables that hold data about a person: the person row, its household and the household's children,
 * and everything that references those by foreign key, transitively. Other household members' rows
 * are not followed (the walk never re-enters `person`).
 */
export const PERSONAL_PARENTS = ['household'];

export function reachableTables(fks: ForeignKey[], personnummerTables: string[] = []): Set<string> {
  const reached = new Set<string>(['person', ...PERSONAL_PARENTS, ...personnummerTables]);
  const queue = [...reached];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const fk of fks) {
      if (fk.parent !== parent || fk.child === 'person' || reached.has(fk.child)) continue;
      reached.add(fk.child);
      queue.push(fk.child);
    }
  }
  return reached;
}
