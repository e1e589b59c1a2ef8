import { sql } from 'kysely';
import type { Ctx } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { recordAudit } from '../audit/record-event.ts';
import { auditFields, authorizePerson } from '../participants/access.ts';
import {
  type ForeignKey,
  foreignKeys,
  PERSONAL_PARENTS,
  reachableTables,
  tablesKeyedByPersonnummer,
} from './foreign-keys.ts';
import { subjectAccessPolicy } from './policy.ts';

type Row = Record<string, unknown>;

export interface Registerutdrag {
  personId: string;
  generatedAt: string;
  /** Every table that can hold data about a person, with the rows about this one (possibly none). */
  tables: { table: string; rows: Row[] }[];
  /** Audit events about the person: actions on them and list views that showed them. */
  auditEvents: Row[];
}

async function rowsWhere(tx: Tx, table: string, columns: string[], keys: unknown[][]): Promise<Row[]> {
  if (keys.length === 0) return [];
  const tuple = sql`(${sql.join(columns.map((c) => sql.ref(c)))})`;
  const values = sql.join(keys.map((k) => sql`(${sql.join(k.map((v) => sql`${v}`))})`));
  const res = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${tuple} IN (${values})`.execute(tx);
  return res.rows;
}

/**
 * The complete extract of personal data held about one person (GDPR art. 15, answered within a
 * month): found by walking the database's foreign keys from the person (and their household) and
 * from rows elsewhere that carry the person's personnummer (summer-job applications), so a table added
 * later is covered without code changes. Producing it is audited.
 */
export async function produceRegisterutdrag(
  ctx: Ctx,
  personId: string,
  purpose: string | null,
): Promise<Registerutdrag> {
  return ctx.db.transaction().execute(async (tx) => {
    const access = await authorizePerson(ctx, tx, personId, subjectAccessPolicy.rules.produce, { purpose });
    const fks = await foreignKeys(tx);
    const byPersonnummer = await tablesKeyedByPersonnummer(tx);
    const reachable = reachableTables(fks, byPersonnummer);
    const found = new Map<string, Row[]>([...reachable].map((t) => [t, []]));
    const person = access.person as unknown as Row;
    found.set('person', [person]);
    const queue: { table: string; rows: Row[] }[] = [{ table: 'person', rows: [person] }];
    // The person's own household (not the other members' rows).
    for (const fk of fks.filter((f) => f.child === 'person' && PERSONAL_PARENTS.includes(f.parent))) {
      const key = fk.childColumns.map((c) => person[c]);
      if (key.some((v) => v === null || v === undefined)) continue;
      const rows = await rowsWhere(tx, fk.parent, fk.parentColumns, [key]);
      found.set(fk.parent, rows);
      queue.push({ table: fk.parent, rows });
    }
    // Rows that carry the person's number instead of a reference (same organisation only).
    for (const table of byPersonnummer) {
      const rows = await rowsWhere(
        tx,
        table,
        ['organisation_id', 'personnummer'],
        [[person.organisation_id, person.personnummer]],
      );
      found.set(table, [...(found.get(table) ?? []), ...rows]);
      if (rows.length > 0) queue.push({ table, rows });
    }
    const seen = new Set<string>();
    while (queue.length > 0) {
      const { table, rows } = queue.shift()!;
      for (const fk of fks.filter((f: ForeignKey) => f.parent === table && f.child !== 'person')) {
        const keys = rows
          .map((r) => fk.parentColumns.map((c) => r[c]))
          .filter((k) => k.every((v) => v !== null && v !== undefined));
        const children = await rowsWhere(tx, fk.child, fk.childColumns, keys);
        const fresh = children.filter((r) => {
          const id = `${fk.child}:${JSON.stringify(r)}`;
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        });
        if (fresh.length === 0) continue;
        found.set(fk.child, [...(found.get(fk.child) ?? []), ...fresh]);
        queue.push({ table: fk.child, rows: fresh });
      }
    }
    const auditEvents = (
      await sql<Row>`SELECT seq, occurred_at, actor_username, role, action, object_type, object_id, outcome, purpose, severity
                       FROM audit_event
                      WHERE organisation_id = ${access.person.organisation_id}
                        AND (subject_person_id = ${personId} OR (details -> 'personIds') @> ${JSON.stringify([personId])}::jsonb)
                      ORDER BY seq`.execute(tx)
    ).rows;
    await recordAudit(tx, ctx, {
      action: 'export',
      ...auditFields(access),
      objectType: 'registerutdrag',
      details: { tables: [...found.entries()].filter(([, r]) => r.length > 0).map(([t]) => t) },
    });
    return {
      personId,
      generatedAt: ctx.clock.now().toISOString(),
      tables: [...found.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([table, rows]) => ({ table, rows })),
      auditEvents,
    };
  });
}
