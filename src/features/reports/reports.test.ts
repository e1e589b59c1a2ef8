import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { insertPerson, unitIdByName } from '../../../test/factories.ts';
import { parseCsv } from '../../exports/csv.ts';
import type { Figure } from './figures.ts';
import type { FollowUpReport } from './follow-up-report.ts';
import type { OutcomeReport } from './outcome-report.ts';
import { refreshAllOutcomes, staleEnrolmentIds } from './refresh-outcomes.ts';

let t: TestApp;
let chef: TestSession;
let analytiker: TestSession;
let hl: TestSession;
let org: string;
let jobbcentrum: string;
let programmeId: string;
let openPersonId: string;
let openEnrolmentId: string;
const PROTECTED_LAST_NAME = 'Skyddadsson';
const REF = '2026-03-01';
const DANGEROUS = ['=1+1', '+1', '-1+1', '@SUM(A1)', '\tfarlig', '\rfarlig'];

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

async function insertEnrolment(personId: string, start: string, exit?: { date: string; reason: string }) {
  const id = crypto.randomUUID();
  const now = new Date('2026-01-01T00:00:00Z');
  await t.db
    .insertInto('enrolment')
    .values({
      organisation_id: org,
      id,
      person_id: personId,
      programme_id: programmeId,
      intake_id: null,
      track_id: null,
      unit_id: jobbcentrum,
      status: exit ? 'exited' : 'enrolled',
      referred_on: null,
      start_date: start,
      planned_end_date: null,
      exit_date: exit?.date ?? null,
      exit_reason: exit?.reason ?? null,
      exit_employment_form: exit?.reason === 'arbete' ? 'tillsvidare' : null,
      income_source_at_exit: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

const outcomeUrl = (extra = '') =>
  `/api/reports/outcomes?programmeId=${programmeId}&referenceDate=${REF}${extra}`;
const v = (f: Figure) => f.value;

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  analytiker = await t.login('analytiker');
  hl = await t.login('handlaggare');
  org = chef.user.organisation.id;
  jobbcentrum = await unitIdByName(t.db, org, 'Jobbcentrum');
  programmeId = (
    await json<{ id: string }>(
      await t.request('POST', '/api/programmes', {
        session: chef,
        body: {
          code: 'rapporttest',
          name: 'Rapporttest',
          kind: 'aktivitet',
          unitId: jobbcentrum,
          phases: [],
        },
      }),
      201,
    )
  ).id;
  // 12 open, 8 into work, 3 into studies (+1 protected), 5 other exits: 29 participants.
  const add = async (n: number, exit?: { date: string; reason: string }, sex: 'K' | 'M' = 'K') => {
    for (let i = 0; i < n; i++) {
      const person = await insertPerson(t.db, org, jobbcentrum, {
        sex,
        birthDate: '1980-05-05',
        languages: ['ar'],
      });
      const e = await insertEnrolment(person, '2025-03-01', exit);
      if (!exit && !openPersonId) {
        openPersonId = person;
        openEnrolmentId = e;
      }
    }
  };
  await add(6);
  await add(6, undefined, 'M');
  await add(8, { date: '2025-10-01', reason: 'arbete' });
  await add(3, { date: '2025-11-01', reason: 'studier' }, 'M');
  await add(5, { date: '2025-12-01', reason: 'avbrott' });
  const prot = await insertPerson(t.db, org, jobbcentrum, {
    sex: 'K',
    lastName: PROTECTED_LAST_NAME,
    protectionLevel: 'skyddad_folkbokforing',
    languages: ['fa'],
  });
  await insertEnrolment(prot, '2025-03-01', { date: '2025-11-01', reason: 'studier' });
});

afterAll(async () => {
  await t.close();
});

describe('outcome table', () => {
  it('is refreshed from stale rows before a report reads it, and a full rebuild gives the same rows', async () => {
    expect((await staleEnrolmentIds(t.db, org)).length).toBeGreaterThanOrEqual(29);
    await json(await t.request('GET', outcomeUrl(), { session: analytiker }));
    expect(await staleEnrolmentIds(t.db, org)).toEqual([]);
    const before = await t.db
      .selectFrom('enrolment_outcome')
      .selectAll()
      .where('organisation_id', '=', org)
      .execute();
    await t.db.transaction().execute((tx) => refreshAllOutcomes(tx, org));
    const after = await t.db
      .selectFrom('enrolment_outcome')
      .selectAll()
      .where('organisation_id', '=', org)
      .execute();
    const key = (r: { enrolment_id: string }) => r.enrolment_id;
    const strip = (rows: typeof before) =>
      rows.map(({ refreshed_at: _r, ...rest }) => rest).sort((a, b) => key(a).localeCompare(key(b)));
    expect(strip(after)).toEqual(strip(before));
    const row = after.find((r) => r.enrolment_id === openEnrolmentId)!;
    expect(row.age_at_start).toBe(44);
    expect(row.start_cohort).toBe('2025-03');
  });
});

describe('outcome report', () => {
  it('gives internal figures to the unit manager, but keeps a protected person out of a small cell', async () => {
    const r = await json<OutcomeReport>(
      await t.request('GET', outcomeUrl('&suppress=false'), { session: chef }),
    );
    expect(r.suppression.applied).toBe(false);
    expect(v(r.total.participants)).toBe(29);
    expect(v(r.total.intoWork)).toBe(8);
    // 4 into studies includes the protected person: hidden, and so is what would give it back.
    expect(r.total.intoStudies).toMatchObject({ value: null, hidden: 'protected' });
    expect(v(r.total.exited)).toBeNull();
    expect(v(r.total.intoWorkOrStudies)).toBeNull();
    expect(r.definitions.map((d) => d.term)).toContain('Andel av avslutade');
    // Per område: Jobbcentrum's parent in the unit tree, the same population as the total.
    expect(r.byDistrict.map((g) => g.label)).toEqual(['Arbetsmarknadsförvaltningen']);
    expect(r.byDistrict[0]!.figures).toEqual(r.total);
  });

  it('refuses unsuppressed figures to anyone but the manager of the units', async () => {
    await json(await t.request('GET', outcomeUrl('&suppress=false'), { session: analytiker }), 403);
    await json(await t.request('GET', outcomeUrl('&suppress=false'), { session: hl }), 403);
  });

  it('applies small-cell suppression by default (primary and secondary)', async () => {
    const r = await json<OutcomeReport>(await t.request('GET', outcomeUrl(), { session: hl }));
    expect(r.suppression).toEqual({ applied: true, threshold: 5 });
    expect(r.total.intoStudies).toMatchObject({ value: null, display: '<5', hidden: 'primary' });
    // Exactly one hidden member of a line would be recoverable: some other member must be hidden too.
    const hidden = [r.total.intoWork, r.total.intoStudies, r.total.exited, r.total.participants].filter(
      (f) => f.value === null,
    );
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    for (const g of [...r.bySex, ...r.byAgeBand, ...r.byCohort, ...r.byUnit]) {
      for (const f of Object.values(g.figures)) {
        if (f.value !== null && !String(f.display).includes(','))
          expect(f.value === 0 || f.value >= 5).toBe(true);
      }
    }
  });

  it('follows the configured threshold of the organisation', async () => {
    const admin = await t.login('admin');
    await json(
      await t.request('PUT', '/api/reports/settings', { session: admin, body: { suppressionThreshold: 3 } }),
    );
    const r = await json<OutcomeReport>(await t.request('GET', outcomeUrl(), { session: hl }));
    expect(r.suppression.threshold).toBe(3);
    expect(v(r.total.intoStudies)).toBe(4);
    await json(
      await t.request('PUT', '/api/reports/settings', { session: admin, body: { suppressionThreshold: 5 } }),
    );
  });

  it('picks up an exit made through the API without a manual refresh', async () => {
    await json(
      await t.request('POST', `/api/enrolments/${openEnrolmentId}/exit`, {
        session: chef,
        body: { exitDate: '2026-02-01', reason: 'studier' },
      }),
    );
    const r = await json<OutcomeReport>(
      await t.request('GET', outcomeUrl('&suppress=false'), { session: chef }),
    );
    expect(v(r.total.intoStudies)).toBe(5);
    expect(v(r.total.exited)).toBe(18);
    expect(v(r.total.intoWorkOrStudies)).toBe(13);
    expect(v(r.total.shareOfExitedPercent)).toBe(72.2);
    expect(openPersonId).toBeTruthy();
  });
});

describe('exports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'insats-reports-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function seedTexts() {
    for (const [i, body] of DANGEROUS.entries()) {
      await json(
        await t.request('PUT', '/api/reports/texts', {
          session: analytiker,
          body: {
            reportKind: 'uppfoljning',
            programmeId,
            referenceDate: REF,
            section: `avsnitt_${'abcdef'[i]}`,
            body,
          },
        }),
        204,
      );
    }
  }

  async function download(kind: 'outcomes' | 'follow-up', format: string) {
    const res = await t.request(
      'GET',
      `/api/reports/${kind}/export?programmeId=${programmeId}&referenceDate=${REF}&format=${format}`,
      { session: analytiker },
    );
    expect(res.status, res.status === 200 ? '' : await res.text()).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  const isNeutral = (cell: string) => !/^[=+\-@\t\r]/.test(cell);

  it('writes CSV for Swedish Excel with every cell neutral, and audits the export', async () => {
    await seedTexts();
    const before = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'export')
      .where('object_type', '=', 'report')
      .executeTakeFirstOrThrow();
    const bytes = await download('follow-up', 'csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text);
    for (const row of rows) for (const cell of row) expect(isNeutral(cell), JSON.stringify(cell)).toBe(true);
    for (const d of DANGEROUS) expect(rows.flat()).toContain(`'${d}`);
    expect(text).not.toContain(PROTECTED_LAST_NAME);
    const after = await t.db
      .selectFrom('audit_event')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'export')
      .where('object_type', '=', 'report')
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
  });

  it('writes XLSX with typed numbers and text that is never a formula', async () => {
    const bytes = await download('follow-up', 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let numbers = 0;
    const texts: string[] = [];
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'number') numbers++;
        else if (typeof cell.value === 'string') {
          expect(isNeutral(cell.value), JSON.stringify(cell.value)).toBe(true);
          texts.push(cell.value);
        }
      });
    });
    expect(numbers).toBeGreaterThan(0);
    // exceljs stores a carriage return as an escaped character; the cell still starts with the quote.
    for (const d of DANGEROUS.filter((x) => !x.startsWith('\r'))) expect(texts).toContain(`'${d}`);
    expect(texts.filter((x) => x.startsWith("'") && x.endsWith('farlig'))).toHaveLength(2);
    expect(texts.join(' ')).not.toContain(PROTECTED_LAST_NAME);
  });

  it('writes a tagged PDF from which pdftotext recovers every figure', async () => {
    const bytes = await download('outcomes', 'pdf');
    expect(new TextDecoder('latin1').decode(bytes.slice(0, 5))).toBe('%PDF-');
    const raw = new TextDecoder('latin1').decode(bytes);
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('sv-SE');
    const file = path.join(dir, 'utfall.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const report = await json<OutcomeReport>(await t.request('GET', outcomeUrl(), { session: analytiker }));
    const figures = [
      report.total,
      ...report.byUnit.map((g) => g.figures),
      ...report.bySex.map((g) => g.figures),
    ];
    for (const f of figures) {
      for (const x of Object.values(f)) {
        expect(text).toContain(x.value === null ? x.display : String(x.value).replace('.', ','));
      }
    }
    expect(text).toContain('Rapporttest');
    expect(text).not.toContain(PROTECTED_LAST_NAME);
  });

  it('exports only suppressed figures, whoever asks', async () => {
    const text = new TextDecoder().decode(await download('outcomes', 'csv'));
    expect(text).toContain('<5');
    const fu = await json<FollowUpReport>(
      await t.request('GET', `/api/reports/follow-up?programmeId=${programmeId}&referenceDate=${REF}`, {
        session: analytiker,
      }),
    );
    // One person speaks Farsi (the protected person): never shown as a count.
    expect(fu.languagesByCount.find((l) => l.code === 'fa')?.count.value).toBeNull();
  });
});

describe('ESF: SCB monthly file', () => {
  const url = (month: string) =>
    `/api/reports/esf/scb-file?programmeId=${programmeId}&month=${month}&format=csv`;

  it("refuses while the men's substitute suffix is not configured, since a protected person is in the month", async () => {
    const res = await t.request('GET', url('2025-11'), { session: chef });
    expect(res.status).toBe(422);
  });

  it('writes personnummer, start and end in date order, and the substitute number for protected persons', async () => {
    const admin = await t.login('admin');
    await json(
      await t.request('PUT', '/api/reports/settings', {
        session: admin,
        body: { suppressionThreshold: 5, scbSuffixMen: 'TM99' },
      }),
    );
    const prot = await t.db
      .selectFrom('person')
      .select(['personnummer', 'birth_date'])
      .where('organisation_id', '=', org)
      .where('last_name', '=', PROTECTED_LAST_NAME)
      .executeTakeFirstOrThrow();
    const res = await t.request('GET', url('2025-11'), { session: chef });
    expect(res.status).toBe(200);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      new Uint8Array(await res.arrayBuffer()),
    );
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['Personnummer', 'Startdatum', 'Slutdatum', 'Dagar i projektet']);
    // November 2025: 3 + 1 protected exits to studies on 2025-11-01.
    expect(rows).toHaveLength(5);
    const substitute = `${prot.birth_date.replaceAll('-', '')}TF29`;
    expect(rows.map((r) => r[0])).toContain(substitute);
    expect(text).not.toContain(prot.personnummer);
    for (const r of rows.slice(1)) expect(r[2]).toBe('2025-11-01');
    const ends = rows.slice(1).map((r) => r[2]!);
    expect([...ends].sort()).toEqual(ends);
    const audited = await t.db
      .selectFrom('audit_event')
      .select(['severity'])
      .where('object_id', '=', 'scb_manadsfil')
      .where('action', '=', 'export')
      .execute();
    expect(audited.map((a) => a.severity)).toContain('raised');
  });
});
