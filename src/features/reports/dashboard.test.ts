import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { insertPerson, unitIdByName } from '../../../test/factories.ts';
import { parseCsv } from '../../exports/csv.ts';
import type { Dashboard } from './dashboard.ts';
import type { Figure } from './figures.ts';
import { parseAgeGroup, parseMonth } from './statistics-file.ts';

/**
 * The dashboard over a hand-built dataset in a unit of its own ("Översiktsenheten"), so the demo's
 * data does not touch the figures: referrals, enrolments started and exits by reason per month,
 * the two statistics imports (good and bad files, re-import of a month), the goal line, suppression
 * and the export.
 */

let t: TestApp;
let analytiker: TestSession;
let chef: TestSession;
let hl: TestSession;
let org: string;
let unit: string;
let programmeId: string;

const BOM = '\ufeff';
const utf8 = (s: string) => new TextEncoder().encode(s);

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

const displays = (fs: Figure[]) => fs.map((f) => f.display);
const PERIOD = 'from=2025-01&to=2025-04';

async function addReferral(personId: string, date: string) {
  const now = new Date('2026-01-01T00:00:00Z');
  await t.db
    .insertInto('referral')
    .values({
      organisation_id: org,
      id: crypto.randomUUID(),
      person_id: personId,
      source: 'ekonomiskt_bistand',
      referral_date: date,
      reason: 'Test',
      status: 'received',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function addEnrolment(
  personId: string,
  start: string,
  o: { status?: string; exitDate?: string; exitReason?: string | null } = {},
) {
  const now = new Date('2026-01-01T00:00:00Z');
  await t.db
    .insertInto('enrolment')
    .values({
      organisation_id: org,
      id: crypto.randomUUID(),
      person_id: personId,
      programme_id: programmeId,
      intake_id: null,
      track_id: null,
      unit_id: unit,
      status: (o.status ?? (o.exitDate ? 'exited' : 'enrolled')) as 'enrolled',
      referred_on: null,
      start_date: start,
      planned_end_date: null,
      exit_date: o.exitDate ?? null,
      exit_reason: o.exitDate ? (o.exitReason ?? null) : null,
      exit_employment_form: null,
      income_source_at_exit: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function people(n: number, protectedCount = 0) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++)
    ids.push(
      await insertPerson(t.db, org, unit, {
        protectionLevel: i < protectedCount ? 'skyddad_folkbokforing' : 'none',
      }),
    );
  return ids;
}

async function load(session: TestSession, query: string) {
  return json<Dashboard>(await t.request('GET', `/api/reports/dashboard?${query}`, { session }));
}

function postFile(
  kind: 'social-assistance' | 'unemployment',
  filename: string,
  bytes: Uint8Array,
  session = analytiker,
) {
  return t.request('POST', `/api/reports/dashboard/${kind}`, {
    session,
    body: { filename, contentBase64: Buffer.from(bytes).toString('base64') },
  });
}

async function auditCount(action: string, objectType: string) {
  const r = await t.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', org)
    .where('action', '=', action)
    .where('object_type', '=', objectType)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

beforeAll(async () => {
  t = await createTestApp();
  analytiker = await t.login('analytiker');
  chef = await t.login('enhetschef');
  hl = await t.login('handlaggare');
  org = chef.user.organisation.id;
  const jobbcentrum = await unitIdByName(t.db, org, 'Jobbcentrum');
  unit = crypto.randomUUID();
  await t.db
    .insertInto('unit')
    .values({ organisation_id: org, id: unit, name: 'Översiktsenheten', kind: 'enhet' })
    .execute();
  programmeId = (
    await json<{ id: string }>(
      await t.request('POST', '/api/programmes', {
        session: chef,
        body: { code: 'oversikt', name: 'Översiktstest', kind: 'aktivitet', unitId: jobbcentrum, phases: [] },
      }),
      201,
    )
  ).id;

  // Referrals: 7 in January, 2 in February, none in March, 6 in April; two just outside the period.
  const p = await people(20);
  const [protectedPerson] = await people(1, 1);
  const at = (i: number) => p[i]!;
  for (let i = 0; i < 7; i++) await addReferral(at(i), i === 0 ? '2025-01-01' : '2025-01-31');
  for (let i = 7; i < 9; i++) await addReferral(at(i), '2025-02-14');
  for (let i = 9; i < 15; i++) await addReferral(at(i), '2025-04-30');
  await addReferral(at(15), '2024-12-31');
  await addReferral(at(16), '2025-05-01');

  // Enrolments started: 5 in January, 8 in March (one protected person); a waitlisted and a
  // withdrawn enrolment with a start date in February do not count.
  for (let i = 0; i < 5; i++) await addEnrolment(at(i), '2025-01-15');
  for (let i = 0; i < 8; i++) await addEnrolment(i === 0 ? protectedPerson! : at(i + 5), '2025-03-03');
  await addEnrolment(at(17), '2025-02-10', { status: 'waitlisted' });
  await addEnrolment(at(18), '2025-02-10', { status: 'withdrawn' });

  // Exits (started before the period): February 6 to work and 5 to studies; April 5 to work and 5
  // without a reason.
  const leavers = await people(21);
  const l = (i: number) => leavers[i]!;
  for (let i = 0; i < 6; i++)
    await addEnrolment(l(i), '2024-06-01', { exitDate: '2025-02-28', exitReason: 'arbete' });
  for (let i = 6; i < 11; i++)
    await addEnrolment(l(i), '2024-06-01', { exitDate: '2025-02-01', exitReason: 'studier' });
  for (let i = 11; i < 16; i++)
    await addEnrolment(l(i), '2024-06-01', { exitDate: '2025-04-10', exitReason: 'arbete' });
  for (let i = 16; i < 21; i++)
    await addEnrolment(l(i), '2024-06-01', { exitDate: '2025-04-10', exitReason: null });
});

afterAll(async () => {
  await t.close();
});

describe('monthly series from Insats data', () => {
  it('counts referrals, enrolments started and exits by reason per month, exactly', async () => {
    const d = await load(analytiker, `${PERIOD}&unitId=${unit}`);
    expect(d.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    expect(d.unit?.name).toBe('Översiktsenheten');
    expect(d.enrolmentsStarted.figures.map((f) => f.value)).toEqual([5, 0, 8, 0]);
    expect(d.enrolmentsStarted.total.value).toBe(13);
    const col = (key: string) =>
      d.exits.cells.map((r) => r[d.exits.reasons.findIndex((x) => x.key === key)]!.value);
    expect(col('arbete')).toEqual([0, 6, 0, 5]);
    expect(col('studier')).toEqual([0, 5, 0, 0]);
    expect(col('okand')).toEqual([0, 0, 0, 5]);
    expect(col('avbrott')).toEqual([0, 0, 0, 0]);
    expect(d.exits.monthTotals.map((f) => f.value)).toEqual([0, 11, 0, 10]);
    expect(d.exits.total.value).toBe(21);
    expect(d.suppression).toEqual({ applied: true, threshold: 5 });
  });

  it('suppresses small counts of people with secondary suppression', async () => {
    const d = await load(analytiker, `${PERIOD}&unitId=${unit}`);
    // 7, 2, 0, 6 (total 15): the 2 is hidden, and one more cell so it cannot be subtracted back.
    expect(displays(d.referrals.figures)).toEqual(['7', '<5', '0', '..']);
    expect(d.referrals.figures[1]).toMatchObject({ value: null, hidden: 'primary' });
    expect(d.referrals.total.display).toBe('15');
  });

  it('covers every unit without a filter and defaults to the last 24 months', async () => {
    const all = await load(analytiker, PERIOD);
    expect(all.unit).toBeNull();
    expect(all.units.some((u) => u.id === unit)).toBe(true);
    expect(all.enrolmentsStarted.total.value ?? 0).toBeGreaterThanOrEqual(13);
    const d = await load(hl, '');
    expect(d.months).toHaveLength(24);
    expect(d.from).toBe('2024-04');
    expect(d.to).toBe('2026-03');
    const dated = await load(hl, 'from=2025-01-15&to=2025-04-30');
    expect(dated.months).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
  });

  it('refuses a reversed period and an unknown unit', async () => {
    await json(
      await t.request('GET', '/api/reports/dashboard?from=2025-05&to=2025-01', { session: hl }),
      400,
    );
    await json(
      await t.request('GET', `/api/reports/dashboard?unitId=${crypto.randomUUID()}`, { session: hl }),
      404,
    );
  });
});

describe('import of monthly social-assistance applications', () => {
  it('reads Swedish Excel CSV (BOM, ;, thousands space, decimal comma) and re-imports a month', async () => {
    const before = await auditCount('import', 'dashboard_social_assistance');
    const csv = `${BOM}Månad;Antal ansökningar\r\n2025-01;120\r\n2025-02;1 134\r\n2025M03;98,0\r\n`;
    const first = await json<{ rows: number; replacedMonths: string[] }>(
      await postFile('social-assistance', 'fb.csv', utf8(csv)),
      201,
    );
    expect(first).toMatchObject({ rows: 3, months: 3, firstMonth: '2025-01', lastMonth: '2025-03' });
    expect(first.replacedMonths).toEqual([]);
    const again = await json<{ replacedMonths: string[] }>(
      await postFile('social-assistance', 'fb.csv', utf8('Månad;Antal\n2025-03;101\n')),
      201,
    );
    expect(again.replacedMonths).toEqual(['2025-03']);
    const d = await load(analytiker, PERIOD);
    expect(d.socialAssistance.applications).toEqual([120, 1134, 101, null]);
    expect(await auditCount('import', 'dashboard_social_assistance')).toBe(before + 2);
  });

  it('rejects the whole file with line, column and reason per bad row', async () => {
    const csv = [
      'Månad;Antal ansökningar',
      '2025-13;5',
      '2025-04;-3',
      '2025-05;12,5',
      '2025-06;',
      '2025-07;40',
      '2025-07;41',
    ].join('\r\n');
    const res = await postFile('social-assistance', 'fel.csv', utf8(csv));
    const body = await json<{ error: { code: string; message: string }; errors: unknown[] }>(res, 422);
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.message).toMatch(/Ingenting har importerats/);
    expect(body.errors).toEqual([
      { line: 2, column: 'Månad', message: '"2025-13" är ingen månad. Skriv t.ex. 2026-01.' },
      { line: 3, column: 'Antal ansökningar', message: '"-3" är inget antal. Ange ett heltal, t.ex. 1 234.' },
      { line: 4, column: 'Antal ansökningar', message: 'Antalet ska vara ett heltal, inte 12,5.' },
      { line: 5, column: 'Antal ansökningar', message: 'Antalet saknas.' },
      { line: 7, column: 'Månad', message: 'Månaden 2025-07 finns redan på rad 6.' },
    ]);
    const d = await load(analytiker, 'from=2025-04&to=2025-07');
    expect(d.socialAssistance.applications).toEqual([null, null, null, null]);
  });

  it('names a missing column and refuses an unreadable file', async () => {
    const body = await json<{ errors: unknown[] }>(
      await postFile('social-assistance', 'x.csv', utf8('Period;Kommentar\n2025-01;x\n')),
      422,
    );
    expect(body.errors).toEqual([
      { line: 1, column: 'Antal ansökningar', message: 'Kolumnen "Antal ansökningar" saknas.' },
    ]);
    const bad = await json<{ error: { code: string } }>(
      await postFile('social-assistance', 'x.xlsx', utf8('inte en zip')),
      422,
    );
    expect(bad.error.code).toBe('import_unreadable');
  });

  it('reads Windows-1252 CSV and records the import in the audit log without file contents', async () => {
    const latin1 = Uint8Array.from(
      [...'M\u00e5nad;Antal ans\u00f6kningar\r\n2024-11;77\r\n'].map((ch) => ch.charCodeAt(0)),
    );
    const r = await json<{ importId: string }>(await postFile('social-assistance', 'fb.csv', latin1), 201);
    const event = await t.db
      .selectFrom('audit_event')
      .select(['details', 'actor_username'])
      .where('organisation_id', '=', org)
      .where('object_id', '=', r.importId)
      .executeTakeFirstOrThrow();
    expect(event.actor_username).toBe('analytiker');
    expect(event.details).toMatchObject({ format: 'csv', rows: 1, months: 1, firstMonth: '2024-11' });
    expect((await load(analytiker, 'from=2024-11&to=2024-11')).socialAssistance.applications).toEqual([77]);
  });

  it('offers templates that import as they are', async () => {
    for (const [kind, path] of [
      ['forsorjningsstod', 'social-assistance'],
      ['arbetsformedlingen', 'unemployment'],
    ] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const res = await t.request('GET', `/api/reports/dashboard/template?kind=${kind}&format=${format}`, {
          session: chef,
        });
        expect(res.status).toBe(200);
        const bytes = new Uint8Array(await res.arrayBuffer());
        await json(await postFile(path, `mall.${format}`, bytes, chef), 201);
      }
    }
    const d = await load(chef, 'from=2026-01&to=2026-02');
    expect(d.socialAssistance.applications).toEqual([134, 128]);
    expect(d.unemployment.sharePercent).toEqual([
      [11.5, null],
      [6.2, null],
    ]);
    const refused = await t.request('GET', '/api/reports/dashboard/template?kind=forsorjningsstod', {
      session: hl,
    });
    expect(refused.status).toBe(403);
  });

  it('is refused to a handläggare', async () => {
    await json(await postFile('social-assistance', 'fb.csv', utf8('Månad;Antal\n2025-01;1\n'), hl), 403);
  });
});

describe("import of Arbetsförmedlingen's monthly statistics", () => {
  it('reads XLSX with dates, age groups, counts and shares; ignores other columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['Månad', 'Kommun', 'Åldersgrupp', 'Antal inskrivna arbetslösa', 'Andel (%)']);
    ws.addRow([new Date(Date.UTC(2025, 0, 1)), 'Exempelby', '16–24 år', 1234, 9.7]);
    ws.addRow([new Date(Date.UTC(2025, 0, 1)), 'Exempelby', '25-64', 2345, 6.1]);
    ws.addRow(['2025-02', 'Exempelby', '16-24', '<5', '9,1']);
    ws.addRow(['2025-02', 'Exempelby', 'Totalt', '3 500', '7,0 %']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await json<{ rows: number; ignoredColumns: string[] }>(
      await postFile('unemployment', 'af.xlsx', bytes),
      201,
    );
    expect(r).toMatchObject({ rows: 4, months: 2, ignoredColumns: ['Kommun'] });
    const d = await load(analytiker, PERIOD);
    expect(d.unemployment.ageGroups).toEqual(['16-24', '25-64', 'totalt']);
    expect(d.unemployment.registered).toEqual([
      [1234, null, null, null],
      [2345, null, null, null],
      [null, 3500, null, null],
    ]);
    expect(d.unemployment.sharePercent).toEqual([
      [9.7, 9.1, null, null],
      [6.1, null, null, null],
      [null, 7, null, null],
    ]);
  });

  it('replaces every age group of a re-imported month', async () => {
    const r = await json<{ replacedMonths: string[] }>(
      await postFile(
        'unemployment',
        'af.csv',
        utf8(`${BOM}Månad;Ålder;Andel inskrivna arbetslösa (%)\r\n2025-01;16-24;10,2\r\n`),
      ),
      201,
    );
    expect(r.replacedMonths).toEqual(['2025-01']);
    const d = await load(analytiker, PERIOD);
    expect(d.unemployment.ageGroups).toEqual(['16-24', 'totalt']);
    expect(d.unemployment.sharePercent[0]).toEqual([10.2, 9.1, null, null]);
    expect(d.unemployment.registered[0]).toEqual([null, null, null, null]);
  });

  it('rejects bad rows with line, column and reason', async () => {
    const csv = [
      'Månad;Åldersgrupp;Antal;Andel (%)',
      '2025-03;unga;10;5',
      '2025-03;16-24;;',
      '2025-03;25-64;12;140',
      'mars 2025;25-64;12;4,5',
      '2025-03;25-64;13;4,6',
    ].join('\n');
    const body = await json<{ errors: unknown[] }>(await postFile('unemployment', 'af.csv', utf8(csv)), 422);
    expect(body.errors).toEqual([
      {
        line: 2,
        column: 'Åldersgrupp',
        message: 'Åldersgruppen "unga" känns inte igen. Skriv t.ex. 16-24, 25-64 eller Totalt.',
      },
      { line: 3, column: 'Antal', message: 'Raden saknar både antal och andel.' },
      { line: 4, column: 'Andel (%)', message: 'Andelen ska vara mellan 0 och 100 procent.' },
      {
        line: 6,
        column: 'Åldersgrupp',
        message: 'Månaden 2025-03 med åldersgruppen 25-64 finns redan på rad 5.',
      },
    ]);
    expect((await load(analytiker, PERIOD)).unemployment.registered.every((r) => r[2] === null)).toBe(true);
  });

  it('parses the month and age-group forms it documents', () => {
    expect(
      ['2025-01', '2025-01-31', '2025M01', '202501', '2025/1', 'januari 2025', 'Jan 2025'].map(parseMonth),
    ).toEqual(Array(7).fill('2025-01'));
    expect(['2025-00', '1999-01', 'foo'].map(parseMonth)).toEqual([null, null, null]);
    expect(['16–24 år', '25-64', 'Samtliga', '24-16'].map(parseAgeGroup)).toEqual([
      '16-24',
      '25-64',
      'totalt',
      null,
    ]);
  });
});

describe('goal line', () => {
  it('is set by an analytiker, shown on the dashboard, audited and removable', async () => {
    const before = await auditCount('update', 'dashboard_goal');
    await json(
      await t.request('PUT', '/api/reports/dashboard/goal', {
        session: analytiker,
        body: { metric: 'unemployment_share', target: 10, label: 'Under 10 %' },
      }),
    );
    let d = await load(hl, PERIOD);
    expect(d.unemployment.goal).toEqual({ target: 10, label: 'Under 10 %' });
    expect(await auditCount('update', 'dashboard_goal')).toBe(before + 1);
    await json(
      await t.request('PUT', '/api/reports/dashboard/goal', {
        session: analytiker,
        body: { metric: 'unemployment_share', target: 140 },
      }),
      400,
    );
    await json(
      await t.request('PUT', '/api/reports/dashboard/goal', {
        session: hl,
        body: { metric: 'unemployment_share', target: 8 },
      }),
      403,
    );
    await json(
      await t.request('PUT', '/api/reports/dashboard/goal', {
        session: chef,
        body: { metric: 'social_assistance_applications', target: 100 },
      }),
    );
    d = await load(hl, PERIOD);
    expect(d.socialAssistance.goal).toEqual({ target: 100, label: null });
    await json(
      await t.request('PUT', '/api/reports/dashboard/goal', {
        session: chef,
        body: { metric: 'social_assistance_applications', target: null },
      }),
    );
    expect((await load(hl, PERIOD)).socialAssistance.goal).toBeNull();
    expect(await auditCount('delete', 'dashboard_goal')).toBe(1);
  });
});

describe('export', () => {
  it('writes CSV with the suppressed figures and the imported series, audited', async () => {
    const before = await auditCount('export', 'report');
    const res = await t.request('GET', `/api/reports/dashboard/export?${PERIOD}&unitId=${unit}&format=csv`, {
      session: analytiker,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('oversikt-2025-01-2025-04.csv');
    const rows = parseCsv(new TextDecoder().decode(new Uint8Array(await res.arrayBuffer())));
    const find = (first: string, after: string) => {
      const start = rows.findIndex((r) => r[0] === after);
      return rows.slice(start).find((r) => r[0] === first);
    };
    expect(find('2025-02', 'Anvisningar och påbörjade inskrivningar per månad')).toEqual([
      '2025-02',
      '<5',
      '0',
    ]);
    expect(find('Totalt', 'Anvisningar och påbörjade inskrivningar per månad')).toEqual([
      'Totalt',
      '15',
      '13',
    ]);
    expect(find('2025-02', 'Ansökningar om försörjningsstöd per månad (importerad statistik)')).toEqual([
      '2025-02',
      '1134',
    ]);
    expect(rows.some((r) => r[0]?.startsWith('Mål för andel inskrivna arbetslösa: 10 %'))).toBe(true);
    expect(await auditCount('export', 'report')).toBe(before + 1);
  });

  it('writes XLSX and PDF, and is refused to a handläggare', async () => {
    for (const format of ['xlsx', 'pdf']) {
      const res = await t.request('GET', `/api/reports/dashboard/export?${PERIOD}&format=${format}`, {
        session: chef,
      });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const refused = await t.request('GET', `/api/reports/dashboard/export?${PERIOD}&format=csv`, {
      session: hl,
    });
    expect(refused.status).toBe(403);
  });
});
