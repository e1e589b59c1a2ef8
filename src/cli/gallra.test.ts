import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { insertPerson, unitIdByName } from '../../test/factories.ts';
import { gallraCommand } from './gallra.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t.close();
});

function capture() {
  let text = '';
  return {
    out: {
      write: (s: string) => {
        text += s;
      },
    },
    text: () => text,
  };
}

describe('insats gallra', () => {
  it('dry run lists the due records with a summary line; execute removes them with a progress line', async () => {
    const admin = await t.login('admin');
    const org = admin.user.organisation.id;
    expect(
      (
        await t.request('POST', '/api/gallring/rules', {
          session: admin,
          body: {
            recordType: 'personakt_sol',
            trigger: 'last_entry',
            years: 5,
            decisionReference: 'SN 2025/9',
            decisionDate: '2025-10-01',
          },
        })
      ).status,
    ).toBe(201);
    const person = await insertPerson(t.db, org, await unitIdByName(t.db, org, 'Jobbcentrum'));
    await t.db
      .updateTable('person')
      .set({ last_entry_at: '2019-05-05T10:00:00Z' })
      .where('id', '=', person)
      .execute();
    // The CLI uses the system clock; the rule's cut-off is years back, so "today" does not matter here.
    const dry = capture();
    expect(await gallraCommand(t.database, ['--user', 'admin', '--dry-run'], dry.out)).toBe(0);
    expect(dry.text()).toContain(person);
    const runId = /Provkörning ([0-9a-f-]{36})/.exec(dry.text())![1]!;
    const exec = capture();
    expect(await gallraCommand(t.database, ['--user', 'admin', '--execute', runId], exec.out)).toBe(0);
    expect(exec.text()).toMatch(/Gallrar: tabell \d+ \(person\)/);
    expect(exec.text()).toContain('verkställd');
    expect(exec.text()).toContain('SN 2025/9');
    expect(
      await t.db.selectFrom('person').select('id').where('id', '=', person).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses without a user with the administrator role', async () => {
    await expect(
      gallraCommand(t.database, ['--user', 'handlaggare', '--dry-run'], capture().out),
    ).rejects.toThrow('administratör');
    expect(await gallraCommand(t.database, ['--dry-run'], capture().out)).toBe(2);
  });
});
