import { sql } from 'kysely';
import type { Db, Tx } from '../../db/connection.ts';
import { type ChainedEvent, chainHash, GENESIS_HASH, type StoredEvent } from '../../domain/audit-chain.ts';

/**
 * Appends one event to its organisation's chain. Must run inside the transaction of the change it
 * records: the head row is locked, so concurrent writers of one organisation are serialised.
 */
export async function appendEvent(tx: Tx, event: Omit<ChainedEvent, 'seq'>): Promise<StoredEvent> {
  await sql`INSERT INTO audit_chain_head (organisation_id, seq, hash)
            VALUES (${event.organisationId}, 0, ${GENESIS_HASH})
            ON CONFLICT (organisation_id) DO NOTHING`.execute(tx);
  const head = await tx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('organisation_id', '=', event.organisationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const full: ChainedEvent = { ...event, seq: head.seq + 1 };
  const hash = chainHash(head.hash, full);
  await tx
    .insertInto('audit_event')
    .values({
      organisation_id: full.organisationId,
      seq: full.seq,
      occurred_at: full.occurredAt,
      actor_user_id: full.actorUserId,
      actor_username: full.actorUsername,
      role: full.role,
      unit_id: full.unitId,
      subject_person_id: full.subjectPersonId,
      object_type: full.objectType,
      object_id: full.objectId,
      action: full.action,
      outcome: full.outcome,
      severity: full.severity,
      request_id: full.requestId,
      client_address: full.clientAddress,
      purpose: full.purpose,
      details: JSON.stringify(full.details),
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await tx
    .updateTable('audit_chain_head')
    .set({ seq: full.seq, hash })
    .where('organisation_id', '=', full.organisationId)
    .execute();
  return { ...full, prevHash: head.hash, hash };
}

/**
 * Appends many events to one organisation's chain in one go (bulk imports): the head is locked once,
 * the hashes are chained in memory, and the rows are written in multi-row inserts. The result is the
 * same chain as appending them one by one.
 */
export async function appendEvents(
  tx: Tx,
  organisationId: string,
  events: Omit<ChainedEvent, 'seq' | 'organisationId'>[],
): Promise<void> {
  if (events.length === 0) return;
  await sql`INSERT INTO audit_chain_head (organisation_id, seq, hash)
            VALUES (${organisationId}, 0, ${GENESIS_HASH})
            ON CONFLICT (organisation_id) DO NOTHING`.execute(tx);
  const head = await tx
    .selectFrom('audit_chain_head')
    .select(['seq', 'hash'])
    .where('organisation_id', '=', organisationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let prev = head.hash;
  let seq = head.seq;
  const rows = events.map((event) => {
    seq += 1;
    const full: ChainedEvent = { ...event, organisationId, seq };
    const hash = chainHash(prev, full);
    const row = {
      organisation_id: organisationId,
      seq,
      occurred_at: full.occurredAt,
      actor_user_id: full.actorUserId,
      actor_username: full.actorUsername,
      role: full.role,
      unit_id: full.unitId,
      subject_person_id: full.subjectPersonId,
      object_type: full.objectType,
      object_id: full.objectId,
      action: full.action,
      outcome: full.outcome,
      severity: full.severity,
      request_id: full.requestId,
      client_address: full.clientAddress,
      purpose: full.purpose,
      details: full.details,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // Each chunk travels as one JSON parameter (jsonb_to_recordset): far faster than multi-row VALUES with
  // tens of thousands of bound parameters. The values are the ones hashed above, unchanged.
  for (let i = 0; i < rows.length; i += 2500) {
    const json = JSON.stringify(rows.slice(i, i + 2500));
    await sql`INSERT INTO audit_event (organisation_id, seq, occurred_at, actor_user_id, actor_username, role,
        unit_id, subject_person_id, object_type, object_id, action, outcome, severity, request_id,
        client_address, purpose, details, prev_hash, hash)
      SELECT organisation_id, seq, occurred_at, actor_user_id, actor_username, role, unit_id, subject_person_id,
        object_type, object_id, action, outcome, severity, request_id, client_address, purpose, details,
        prev_hash, hash
      FROM jsonb_to_recordset(${json}::jsonb) AS x(organisation_id uuid, seq bigint, occurred_at timestamptz,
        actor_user_id uuid, actor_username text, role text, unit_id uuid, subject_person_id uuid, object_type text,
        object_id text, action text, outcome text, severity text, request_id text, client_address text,
        purpose text, details jsonb, prev_hash text, hash text)`.execute(tx);
  }
  await tx
    .updateTable('audit_chain_head')
    .set({ seq, hash: prev })
    .where('organisation_id', '=', organisationId)
    .execute();
}

/**
 * Streams one organisation's events in sequence order, in keyset pages, for verification.
 *
 * Each row comes back as one JSON text (a fixed-order array) instead of 19 typed columns: the database
 * builds it, `JSON.parse` reads it natively, and the per-column decoding of the driver — which was most of
 * the time of `verify-audit` — is skipped (100,000 events: 1.6 s instead of 5.7–7.4 s on PGlite). The time
 * is formatted in SQL to the same millisecond ISO string the writer hashed.
 */
export async function* eventsInOrder(
  db: Db,
  organisationId: string,
  pageSize = 10_000,
): AsyncGenerator<StoredEvent> {
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ j: string }>`
      SELECT json_build_array(
        seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), actor_user_id,
        actor_username, role, unit_id, subject_person_id, object_type, object_id, action, outcome, severity,
        request_id, client_address, purpose, details, prev_hash, hash)::text AS j
      FROM audit_event
      WHERE organisation_id = ${organisationId} AND seq > ${after}
      ORDER BY seq
      LIMIT ${pageSize}`.execute(db);
    let last = after;
    for (const { j } of rows) {
      const a = JSON.parse(j) as [number, string, ...(string | null)[]];
      last = a[0];
      yield {
        organisationId,
        seq: a[0],
        occurredAt: a[1],
        actorUserId: a[2] as string | null,
        actorUsername: a[3] as string | null,
        role: a[4] as string | null,
        unitId: a[5] as string | null,
        subjectPersonId: a[6] as string | null,
        objectType: a[7] as string | null,
        objectId: a[8] as string | null,
        action: a[9] as string,
        outcome: a[10] as string,
        severity: a[11] as string,
        requestId: a[12] as string | null,
        clientAddress: a[13] as string | null,
        purpose: a[14] as string | null,
        details: a[15] as unknown as Record<string, unknown>,
        prevHash: a[16] as string,
        hash: a[17] as string,
      };
    }
    if (rows.length < pageSize) return;
    after = last;
  }
}

export async function chainHeads(db: Db) {
  return db
    .selectFrom('audit_chain_head')
    .select(['organisation_id', 'seq', 'hash'])
    .orderBy('organisation_id')
    .execute();
}

export async function organisationsWithEvents(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_event').select('organisation_id').distinct().execute();
  return rows.map((r) => r.organisation_id);
}

export async function listEventsPage(
  db: Db,
  organisationId: string,
  opts: { limit: number; beforeSeq?: number },
) {
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('unit as u', (j) =>
      j.onRef('u.organisation_id', '=', 'e.organisation_id').onRef('u.id', '=', 'e.unit_id'),
    )
    .select([
      'e.seq',
      'e.occurred_at',
      'e.actor_username',
      'e.role',
      'u.name as unit_name',
      'e.action',
      'e.object_type',
      'e.object_id',
      'e.subject_person_id',
      'e.outcome',
      'e.purpose',
      'e.severity',
    ])
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.seq', 'desc')
    .limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('e.seq', '<', opts.beforeSeq);
  return q.execute();
}
