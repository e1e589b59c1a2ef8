import { sql } from 'kysely';
import type { Tx } from '../../db/connection.ts';
import { type ForeignKey, foreignKeys, PERSONAL_PARENTS } from '../subject-access/foreign-keys.ts';

type Row = Record<string, unknown>;
type Key = unknown[];

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function tupleIn(columns: string[], keys: Key[]) {
  const tuple = sql`(${sql.join(columns.map((c) => sql.ref(c)))})`;
  const values = sql.join(keys.map((k) => sql`(${sql.join(k.map((v) => sql`${v}`))})`));
  return sql`${tuple} IN (${values})`;
}

async function rowsWhere(tx: Tx, table: string, columns: string[], keys: Key[]): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks(keys)) {
    const res = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${tupleIn(columns, part)}`.execute(tx);
    out.push(...res.rows);
  }
  return out;
}

function uniqueKeys(keys: Key[]): Key[] {
  const seen = new Map<string, Key>();
  for (const k of keys) {
    if (k.some((v) => v === null || v === undefined)) continue;
    seen.set(JSON.stringify(k), k);
  }
  return [...seen.values()];
}

/** A predicate that selects rows of a table to delete: `(columns) IN keys`. */
interface Selection {
  columns: string[];
  keys: Key[];
}

/**
 * Tables in an order where each comes before every table it references (children first), among
 * `tables`. Self-references are ignored: all rows of a table go in one statement, and a
 * non-deferred foreign key is checked at the end of the statement.
 */
export function deletionOrder(tables: Iterable<string>, fks: ForeignKey[]): string[] {
  const set = new Set(tables);
  // Edge child -> parent; a child must be deleted before its parent.
  const pendingChildren = new Map<string, Set<string>>([...set].map((t) => [t, new Set<string>()]));
  for (const fk of fks) {
    if (fk.child === fk.parent || !set.has(fk.child) || !set.has(fk.parent)) continue;
    pendingChildren.get(fk.parent)!.add(fk.child);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < set.size) {
    const ready = [...set]
      .filter((t) => !done.has(t) && [...pendingChildren.get(t)!].every((c) => done.has(c)))
      .sort();
    if (ready.length === 0) {
      throw new Error(`Gallring: cykliska främmande nycklar mellan ${[...set].filter((t) => !done.has(t))}`);
    }
    for (const t of ready) {
      done.add(t);
      order.push(t);
    }
  }
  return order;
}

/**
 * Deletes the rows selected in `root` and, transitively, every row that references them by foreign
 * key (never re-entering the tables in `stop`). Returns the number of rows deleted per table.
 */
async function deleteTree(
  tx: Tx,
  fks: ForeignKey[],
  root: string,
  selection: Selection,
  stop: Set<string>,
  onProgress?: (table: string) => void,
): Promise<Map<string, number>> {
  const selections = new Map<string, Selection[]>([[root, [selection]]]);
  const rootRows = await rowsWhere(tx, root, selection.columns, selection.keys);
  const queue: { table: string; rows: Row[] }[] = [{ table: root, rows: rootRows }];
  const seen = new Set<string>(rootRows.map((r) => `${root}:${JSON.stringify(r)}`));
  while (queue.length > 0) {
    const { table, rows } = queue.shift()!;
    for (const fk of fks) {
      if (fk.parent !== table || stop.has(fk.child) || fk.child === root) continue;
      const keys = uniqueKeys(rows.map((r) => fk.parentColumns.map((c) => r[c])));
      if (keys.length === 0) continue;
      const children = await rowsWhere(tx, fk.child, fk.childColumns, keys);
      if (children.length === 0) continue;
      selections.set(fk.child, [...(selections.get(fk.child) ?? []), { columns: fk.childColumns, keys }]);
      const fresh = children.filter((r) => {
        const id = `${fk.child}:${JSON.stringify(r)}`;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length > 0) queue.push({ table: fk.child, rows: fresh });
    }
  }
  const deleted = new Map<string, number>();
  for (const table of deletionOrder(selections.keys(), fks)) {
    onProgress?.(table);
    for (const s of selections.get(table)!) {
      for (const part of chunks(s.keys)) {
        const res = await sql`DELETE FROM ${sql.table(table)} WHERE ${tupleIn(s.columns, part)}`.execute(tx);
        deleted.set(table, (deleted.get(table) ?? 0) + Number(res.numAffectedRows ?? 0n));
      }
    }
  }
  return deleted;
}

/**
 * Removes everything held about the given persons, in every table, using the same foreign-key walk
 * as the registerutdrag (so a table added later is covered without code changes): the person rows,
 * every row referencing them transitively, and their household (with its children) once no other
 * person belongs to it. Audit events are kept (the log has no foreign key to person and is
 * append-only). Must run inside the caller's transaction; returns rows deleted per table.
 */
export async function deletePersons(
  tx: Tx,
  organisationId: string,
  personIds: string[],
  runId: string,
  onProgress?: (table: string) => void,
): Promise<Record<string, number>> {
  const total = new Map<string, number>();
  if (personIds.length === 0) return {};
  // Lets the append-only journal accept deletes in this transaction only (migration 011).
  await sql`SELECT set_config('insats.gallring_run', ${runId}, true)`.execute(tx);
  const fks = await foreignKeys(tx);
  const personKeys = personIds.map((id) => [organisationId, id]);
  const parentsOf = fks.filter((f) => f.child === 'person' && PERSONAL_PARENTS.includes(f.parent));
  const persons = await rowsWhere(tx, 'person', ['organisation_id', 'id'], personKeys);
  const parentKeys = parentsOf.map((fk) => ({
    fk,
    keys: uniqueKeys(persons.map((p) => fk.childColumns.map((c) => p[c]))),
  }));

  const add = (m: Map<string, number>) => {
    for (const [t, n] of m) total.set(t, (total.get(t) ?? 0) + n);
  };
  add(
    await deleteTree(
      tx,
      fks,
      'person',
      { columns: ['organisation_id', 'id'], keys: personKeys },
      new Set(),
      onProgress,
    ),
  );

  // The household (and its children) goes only when no remaining person belongs to it.
  for (const { fk, keys } of parentKeys) {
    const orphaned: Key[] = [];
    for (const key of keys) {
      const left = await rowsWhere(tx, 'person', fk.childColumns, [key]);
      if (left.length === 0) orphaned.push(fk.parentColumns.map((_, i) => key[i]));
    }
    if (orphaned.length === 0) continue;
    add(
      await deleteTree(
        tx,
        fks,
        fk.parent,
        { columns: fk.parentColumns, keys: orphaned },
        new Set(['person']),
        onProgress,
      ),
    );
  }
  return Object.fromEntries([...total.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Removes summer-job applications and, by the same foreign-key walk, every row hanging on them
 * (ranked choices, links, offers with their hours; a table added later is covered without code
 * changes), plus the mails about them in the outbox (which has no key to the application: matched by
 * recipient and the application's reference in the subject). Allocation runs keep only their
 * pseudonymous input and result. Must run inside the caller's transaction; returns rows deleted per table.
 */
export async function deleteApplications(
  tx: Tx,
  organisationId: string,
  applicationIds: string[],
  onProgress?: (table: string) => void,
): Promise<Record<string, number>> {
  if (applicationIds.length === 0) return {};
  const keys = applicationIds.map((id) => [organisationId, id]);
  const applications = await rowsWhere(tx, 'summer_application', ['organisation_id', 'id'], keys);
  let mails = 0;
  onProgress?.('outbox');
  for (const part of chunks(applications)) {
    const res = await sql`
      DELETE FROM outbox o
       USING (VALUES ${sql.join(part.map((a) => sql`(${a.email}, ${`(${a.reference})`})`))}) AS m(recipient, suffix)
       WHERE o.organisation_id = ${organisationId} AND o.kind LIKE 'ferie-%'
         AND o.recipient = m.recipient AND right(o.subject, length(m.suffix)) = m.suffix`.execute(tx);
    mails += Number(res.numAffectedRows ?? 0n);
  }
  const deleted = await deleteTree(
    tx,
    await foreignKeys(tx),
    'summer_application',
    { columns: ['organisation_id', 'id'], keys },
    new Set(['person']),
    onProgress,
  );
  if (mails > 0) deleted.set('outbox', mails);
  return Object.fromEntries([...deleted.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
