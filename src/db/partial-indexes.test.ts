import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../test/db.ts';
import type { Database } from './connection.ts';

/**
 * Migration 019 made two indexes partial. A partial index serves a query only when the planner can
 * prove the query's filter implies the index predicate, and the application sends its values as bind
 * parameters (Kysely), so this checks the plans of queries shaped as the application's, with
 * parameters, on both engines. Sequential scans are switched off so an empty table still shows
 * which index the planner can use.
 */

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
}, 120_000);
afterAll(async () => {
  await database?.close();
});

async function plan(text: string, params: unknown[]): Promise<string> {
  return database.bulk(async (conn) => {
    await conn.query('BEGIN');
    try {
      await conn.query('SET LOCAL enable_seqscan = off');
      const rows = await conn.query<Record<string, unknown>>(`EXPLAIN ${text}`, params);
      return rows.map((r) => String(Object.values(r)[0])).join('\n');
    } finally {
      await conn.query('ROLLBACK');
    }
  });
}

const ORG = '00000000-0000-4000-8000-000000000001';
const ID = '00000000-0000-4000-8000-000000000002';

describe(`partial indexes (${testEngine})`, () => {
  it('the due follow-ups query (status as a parameter) uses the index of planned follow-ups', async () => {
    const p = await plan(
      `SELECT f.id FROM follow_up f
       WHERE f.organisation_id = $1 AND f.status = $2 AND f.due_on <= $3`,
      [ORG, 'planerad', '2026-11-24'],
    );
    expect(p).toContain('follow_up_planned_due_idx');
    // Another status cannot use it.
    const other = await plan(
      'SELECT f.id FROM follow_up f WHERE f.organisation_id = $1 AND f.status = $2 AND f.due_on <= $3',
      [ORG, 'genomford', '2026-11-24'],
    );
    expect(other).not.toContain('follow_up_planned_due_idx');
  });

  it("an intake's enrolments (intake as a parameter) use the index of enrolments with an intake", async () => {
    const p = await plan(
      'SELECT id FROM enrolment WHERE organisation_id = $1 AND intake_id = $2 AND status = ANY($3::text[])',
      [ORG, ID, ['enrolled', 'paused']],
    );
    expect(p).toContain('enrolment_intake_idx');
  });
});
