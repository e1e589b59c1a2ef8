import { sql } from 'kysely';
import type { Ctx, RoleGrant } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { swedishDate } from '../../domain/dates.ts';
import { PERSONNUMMER_MESSAGES, parsePersonnummer } from '../../domain/personnummer.ts';
import { AppError, DeniedError, unauthenticated } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import {
  auditFields,
  authorizePerson,
  loadActorProtection,
  purposeRequired,
} from '../participants/access.ts';
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
  /** The registered person, or null for a youth known only from summer-job applications. */
  personId: string | null;
  generatedAt: string;
  /** Every table that can hold data about a person, with the rows about this one (possibly none). */
  tables: { table: string; rows: Row[] }[];
  /** Audit events about the person: actions on them and their records, and list views that showed them. */
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
 * Every row reachable from the start rows by foreign key (children of what was found, never
 * re-entering `person`), keyed by every table that can hold data about a person.
 */
async function collect(
  tx: Tx,
  fks: ForeignKey[],
  reachable: Set<string>,
  starts: { table: string; rows: Row[] }[],
): Promise<Map<string, Row[]>> {
  const found = new Map<string, Row[]>([...reachable].map((t) => [t, []]));
  for (const s of starts) found.set(s.table, [...(found.get(s.table) ?? []), ...s.rows]);
  const queue = starts.filter((s) => s.rows.length > 0);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const { table, rows } = queue.shift()!;
    for (const fk of fks.filter((f) => f.parent === table && f.child !== 'person')) {
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
  return found;
}

/** Rows elsewhere that carry one of these numbers instead of a reference (same organisation only). */
async function rowsByPersonnummer(tx: Tx, tables: string[], organisationId: string, numbers: string[]) {
  const out: { table: string; rows: Row[] }[] = [];
  const keys = numbers.map((n) => [organisationId, n]);
  for (const table of tables) {
    out.push({ table, rows: await rowsWhere(tx, table, ['organisation_id', 'personnummer'], keys) });
  }
  return out;
}

/**
 * Audit events about the subject: those naming the person, those on any record found for them
 * (object type = table, object id = the row's id, e.g. their summer applications and offers), and
 * runs that listed them (`personIds`, `applicationIds` in the details).
 */
async function auditEventsAbout(
  tx: Tx,
  organisationId: string,
  personId: string | null,
  found: Map<string, Row[]>,
): Promise<Row[]> {
  const objects = [...found.entries()].flatMap(([table, rows]) =>
    rows.filter((r) => typeof r.id === 'string').map((r) => [table, r.id as string]),
  );
  const applicationIds = (found.get('summer_application') ?? []).map((r) => String(r.id));
  const about = [
    ...(personId
      ? [
          sql`subject_person_id = ${personId}`,
          sql`(details -> 'personIds') @> ${JSON.stringify([personId])}::jsonb`,
        ]
      : []),
    ...(objects.length > 0
      ? [sql`(object_type, object_id) IN (${sql.join(objects.map(([t, id]) => sql`(${t}, ${id})`))})`]
      : []),
    ...applicationIds.map((id) => sql`(details -> 'applicationIds') @> ${JSON.stringify([id])}::jsonb`),
  ];
  if (about.length === 0) return [];
  return (
    await sql<Row>`SELECT seq, occurred_at, actor_username, role, action, object_type, object_id, outcome, purpose, severity
                     FROM audit_event
                    WHERE organisation_id = ${organisationId} AND (${sql.join(about, sql` OR `)})
                    ORDER BY seq`.execute(tx)
  ).rows;
}

function document(
  ctx: Ctx,
  personId: string | null,
  found: Map<string, Row[]>,
  auditEvents: Row[],
): Registerutdrag {
  return {
    personId,
    generatedAt: ctx.clock.now().toISOString(),
    tables: [...found.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([table, rows]) => ({ table, rows })),
    auditEvents,
  };
}

const tablesWithRows = (found: Map<string, Row[]>) =>
  [...found.entries()].filter(([, r]) => r.length > 0).map(([t]) => t);

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
    const person = access.person as unknown as Row;
    const starts = [{ table: 'person', rows: [person] }];
    // The person's own household (not the other members' rows).
    for (const fk of fks.filter((f) => f.child === 'person' && PERSONAL_PARENTS.includes(f.parent))) {
      const key = fk.childColumns.map((c) => person[c]);
      if (key.some((v) => v === null || v === undefined)) continue;
      starts.push({ table: fk.parent, rows: await rowsWhere(tx, fk.parent, fk.parentColumns, [key]) });
    }
    // Rows carrying the person's current or an earlier number (e.g. a summer application made with a
    // samordningsnummer); the person's own rows (identity history) are reached by foreign key instead.
    const earlier = await rowsWhere(
      tx,
      'person_identity_history',
      ['organisation_id', 'person_id'],
      [[access.person.organisation_id, personId]],
    );
    starts.push(
      ...(await rowsByPersonnummer(
        tx,
        byPersonnummer.filter((t) => !fks.some((f) => f.child === t && f.parent === 'person')),
        access.person.organisation_id,
        [access.person.personnummer, ...earlier.map((h) => String(h.personnummer))],
      )),
    );
    const found = await collect(tx, fks, reachableTables(fks, byPersonnummer), starts);
    const auditEvents = await auditEventsAbout(tx, access.person.organisation_id, personId, found);
    await recordAudit(tx, ctx, {
      action: 'export',
      ...auditFields(access),
      objectType: 'registerutdrag',
      details: { tables: tablesWithRows(found) },
    });
    return document(ctx, personId, found, auditEvents);
  });
}

/** The answer when a personnummer has nothing the actor may see: the same whether nothing exists or it is protected. */
const nothingFound = () =>
  new AppError(404, 'registerutdrag_nothing_found', {
    sv: 'Det finns inga uppgifter om personnumret i Insats: ingen deltagare och ingen ansökan om feriearbete. Kontrollera numret.',
    en: 'Insats holds no data about the personal identity number: no participant and no summer-job application. Check the number.',
  });

/**
 * The extract for a personnummer or samordningsnummer as typed (checked and normalised here). A registered person (by current or
 * earlier number) gets the person's extract with its access checks. A youth known only from summer-job
 * applications gets the same document, started from every row that carries the number (the
 * applications, and by foreign key their choices, links and offers with hours), with `personId` null.
 *
 * Protected identity: if any application is marked protected, the actor must hold a protection
 * permission (otherwise the answer is the same as for an unknown number, and a raised deny event is
 * written) and must state a purpose; the export event is then raised. Nothing found: a Swedish 404.
 */
export async function produceRegisterutdragForPersonnummer(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: string,
  purpose: string | null,
): Promise<Registerutdrag> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const organisationId = actor.organisationId;
  const parsed = parsePersonnummer(input, { referenceDate: swedishDate(ctx.clock.now()) });
  if (!parsed.ok) {
    throw new AppError(422, 'personnummer', 'validation_failed', [
      { path: 'body.personnummer', message: PERSONNUMMER_MESSAGES[parsed.code] },
    ]);
  }
  const personnummer = parsed.value.normalized;
  const registered = await sql<{ id: string }>`
    SELECT id FROM person WHERE organisation_id = ${organisationId} AND personnummer = ${personnummer}
    UNION
    SELECT person_id FROM person_identity_history WHERE organisation_id = ${organisationId} AND personnummer = ${personnummer}
    LIMIT 1`.execute(ctx.db);
  const personId = registered.rows[0]?.id;
  if (personId) {
    try {
      return await produceRegisterutdrag(ctx, personId, purpose);
    } catch (err) {
      // A person the actor may not reach is answered as if the number were unknown.
      if (err instanceof DeniedError && err.status === 404) throw new DeniedError(nothingFound(), err.audit);
      throw err;
    }
  }
  return ctx.db.transaction().execute(async (tx) => {
    const fks = await foreignKeys(tx);
    const byPersonnummer = await tablesKeyedByPersonnummer(tx);
    const starts = await rowsByPersonnummer(tx, byPersonnummer, organisationId, [personnummer]);
    const applications = starts.flatMap((s) => (s.table === 'summer_application' ? s.rows : []));
    if (starts.every((s) => s.rows.length === 0)) throw nothingFound();
    const isProtected = applications.some((a) => a.protected_identity === true);
    const objectId = String(applications.map((a) => a.id).sort()[0] ?? '');
    const trimmed = purpose?.trim() || null;
    if (isProtected) {
      const protection = await loadActorProtection(tx, actor);
      if (protection.levels.size === 0) {
        throw new DeniedError(nothingFound(), {
          objectType: 'summer_application',
          objectId,
          severity: 'raised',
          details: { reason: 'no_protection_permission', view: 'registerutdrag' },
        });
      }
      if (!trimmed) {
        throw purposeRequired();
      }
    }
    const found = await collect(tx, fks, reachableTables(fks, byPersonnummer), starts);
    const auditEvents = await auditEventsAbout(tx, organisationId, null, found);
    await recordAudit(tx, ctx, {
      action: 'export',
      ...(grant ? { role: grant.role, unitId: grant.unitId } : {}),
      objectType: 'registerutdrag',
      objectId,
      severity: isProtected ? 'raised' : 'normal',
      ...(trimmed ? { purpose: trimmed } : {}),
      details: {
        tables: tablesWithRows(found),
        applicationIds: applications.map((a) => String(a.id)).sort(),
      },
    });
    return document(ctx, null, found, auditEvents);
  });
}
