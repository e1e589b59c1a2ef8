import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { insertPerson, unitIdByName } from '../../../test/factories.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import type { Ctx } from '../../context.ts';
import { costComparison } from './cost-comparison.ts';

let t: TestApp;
let chef: TestSession;
let analyst: TestSession;
let hl: TestSession;
let org: string;
let unit: string;

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  analyst = await t.login('analytiker');
  hl = await t.login('handlaggare');
  org = chef.user.organisation.id;
  unit = await unitIdByName(t.db, org, 'Jobbcentrum');
});
afterAll(async () => {
  await t.close();
});

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

async function createProgramme(code: string): Promise<string> {
  const { id } = await json<{ id: string }>(
    await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code, name: `Insats ${code}`, kind: 'anstallning', unitId: unit },
    }),
    201,
  );
  return id;
}

async function ctxOf(session: TestSession): Promise<Ctx> {
  const user = await t.db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('id', '=', session.user.id)
    .executeTakeFirstOrThrow();
  return {
    db: t.db,
    clock: t.clock,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      organisationId: org,
      roles: [],
      unitScope: new Map(),
      sessionIdHash: null,
    },
    requestId: 'test',
    clientAddress: null,
    lang: 'sv',
  };
}

describe('Norrköping Servicetrainee scenario: cost outcome vs forecast', () => {
  it('returns exactly the expected comparison for the data entered through the API', async () => {
    const scenario = JSON.parse(
      readFileSync(
        path.resolve(import.meta.dirname, '../../../test/scenarios/norrkoping-servicetrainee.json'),
        'utf8',
      ),
    ) as {
      costs: { category: string; forecastSek: number; outcomeSek: number }[];
      expected: { costs: unknown[] };
    };
    const programmeId = await createProgramme('servicetrainee');
    // The programme's whole period: 12 months from the intake on 2016-09-01.
    for (const c of scenario.costs) {
      await json(
        await t.request('POST', `/api/programmes/${programmeId}/budget`, {
          session: chef,
          body: {
            category: c.category,
            periodFrom: '2016-09-01',
            periodTo: '2017-08-31',
            amountSek: c.forecastSek,
          },
        }),
        201,
      );
    }
    for (const c of scenario.costs) {
      await json(
        await t.request('POST', `/api/programmes/${programmeId}/cost-outcomes`, {
          session: chef,
          body: {
            category: c.category,
            periodFrom: '2016-09-01',
            periodTo: '2017-08-31',
            amountSek: c.outcomeSek,
            source: 'ekonomisystem',
          },
        }),
        201,
      );
    }
    const viaHttp = await json<unknown[]>(
      await t.request('GET', `/api/programmes/${programmeId}/cost-comparison`, { session: analyst }),
      200,
    );
    expect(viaHttp).toEqual([
      { category: 'anstallning', forecastSek: 7200000, outcomeSek: 7130000, deviationSek: -70000 },
      { category: 'utbildning', forecastSek: 600000, outcomeSek: 190000, deviationSek: -410000 },
    ]);
    expect(viaHttp).toEqual(scenario.expected.costs);
    // The exported use case gives the same, and a year shows the months of the period inside it.
    expect(await costComparison(await ctxOf(chef), programmeId)).toEqual(scenario.expected.costs);
    const y2016 = await costComparison(await ctxOf(chef), programmeId, { year: 2016 });
    // 4 of 12 months: 7 200 000 × 4 / 12 = 2 400 000; 7 130 000 × 4/12 = 2 376 666.67 → 2 376 667
    expect(y2016[0]).toEqual({
      category: 'anstallning',
      forecastSek: 2400000,
      outcomeSek: 2376667,
      deviationSek: -23333,
    });

    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'object_type'])
      .where('object_type', 'in', ['finance_budget_line', 'finance_cost_outcome'])
      .execute();
    expect(audit.filter((a) => a.action === 'create')).toHaveLength(4);
  });

  it('lets only finance roles write, and validates the input', async () => {
    const programmeId = await createProgramme('behorighet');
    const body = {
      category: 'utbildning',
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      amountSek: 1000,
    };
    expect(
      (await t.request('POST', `/api/programmes/${programmeId}/budget`, { session: hl, body })).status,
    ).toBe(403);
    expect(
      (await t.request('POST', `/api/programmes/${programmeId}/budget`, { session: analyst, body })).status,
    ).toBe(403);
    const bad = await t.request('POST', `/api/programmes/${programmeId}/budget`, {
      session: chef,
      body: { ...body, periodTo: '2025-12-31', amountSek: 10.001 },
    });
    expect(bad.status).toBe(400);
    const missing = await t.request('POST', `/api/programmes/${randomUUID()}/budget`, {
      session: chef,
      body,
    });
    expect(missing.status).toBe(404);
  });
});

describe('budget year with months, deviation and run-rate forecast', () => {
  it('spreads a yearly budget over months and projects the outcome', async () => {
    const programmeId = await createProgramme('arstabell');
    await json(
      await t.request('POST', `/api/programmes/${programmeId}/budget`, {
        session: chef,
        body: {
          category: 'handledning',
          periodFrom: '2026-01-01',
          periodTo: '2026-12-31',
          amountSek: 120000,
        },
      }),
      201,
    );
    for (const [month, amount] of [
      ['01', 15000],
      ['02', 5000],
    ] as const) {
      await json(
        await t.request('POST', `/api/programmes/${programmeId}/cost-outcomes`, {
          session: chef,
          body: {
            category: 'handledning',
            periodFrom: `2026-${month}-10`,
            periodTo: `2026-${month}-10`,
            amountSek: amount,
          },
        }),
        201,
      );
    }
    // The test clock is 2026-03-02: January and February are closed.
    const y = await json<{
      closedMonths: number;
      employmentOutcomeSource: string;
      categories: {
        category: string;
        budgetSek: number;
        outcomeSek: number;
        forecastYearSek: number;
        forecastDeviationSek: number;
        months: { month: string; budgetSek: number; outcomeSek: number; deviationSek: number }[];
      }[];
    }>(
      await t.request('GET', `/api/programmes/${programmeId}/budget-year?year=2026`, { session: chef }),
      200,
    );
    expect(y.closedMonths).toBe(2);
    expect(y.employmentOutcomeSource).toBe('saknas');
    const h = y.categories.find((c) => c.category === 'handledning')!;
    expect(h.months[0]).toEqual({
      month: '2026-01',
      budgetSek: 10000,
      outcomeSek: 15000,
      deviationSek: 5000,
    });
    expect(h.budgetSek).toBe(120000);
    expect(h.outcomeSek).toBe(20000);
    // 20 000 + 20 000 / 2 × 10 = 120 000
    expect(h.forecastYearSek).toBe(120000);
    expect(h.forecastDeviationSek).toBe(0);
  });
});

describe('ledger import', () => {
  const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

  it('imports a Swedish Excel CSV through the account mapping, all or nothing', async () => {
    const programmeId = await createProgramme('bokforing');
    for (const [account, costCentre, category] of [
      ['5010', '7100', 'anstallning'],
      ['6550', '7100', 'utbildning'],
    ]) {
      const res = await t.request('PUT', '/api/finance/account-mappings', {
        session: chef,
        body: { account, costCentre, programmeId, category },
      });
      expect(res.status).toBe(204);
    }
    // Windows-1252 with "Kostnadsställe" and decimal comma, thousands with a space.
    const text = [
      'Datum;Konto;Kostnadsställe;Belopp;Text',
      '2026-01-31;5010;7100;"25 000,50";Lön januari',
      '2026-02-28;6550;7100;-1 000,25;Kreditering kurs',
      '2026-02-28;6550;7100;3000;Kurs',
    ].join('\r\n');
    const win1252 = Buffer.from(text, 'latin1');
    const ok = await json<{ imported: number; totalSek: number; encoding: string }>(
      await t.request('POST', '/api/finance/ledger-imports', {
        session: chef,
        body: { filename: 'huvudbok.csv', contentBase64: win1252.toString('base64') },
      }),
      201,
    );
    expect(ok).toMatchObject({ imported: 3, encoding: 'windows-1252' });
    expect(ok.totalSek).toBe(27000);
    const cmp = await json<unknown[]>(
      await t.request('GET', `/api/programmes/${programmeId}/cost-comparison?year=2026`, { session: chef }),
      200,
    );
    expect(cmp).toEqual([
      { category: 'anstallning', forecastSek: 0, outcomeSek: 25001, deviationSek: 25001 },
      { category: 'utbildning', forecastSek: 0, outcomeSek: 2000, deviationSek: 2000 },
    ]);

    // Unknown account and cost centre, and a bad amount: refused with line numbers; nothing imported.
    const before = await t.db
      .selectFrom('finance_cost_outcome')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await t.request('POST', '/api/finance/ledger-imports', {
      session: chef,
      body: {
        filename: 'fel.csv',
        contentBase64: Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          csv([
            'Datum;Konto;Kostnadsställe;Belopp',
            '2026-03-31;5010;7100;100,00',
            '2026-03-31;9999;7100;100,00',
            '2026-03-31;5010;8888;100,00',
            '2026-03-31;5010;7100;12,345',
          ]),
        ]).toString('base64'),
      },
    });
    const body = await json<{ error: { code: string }; errors: { line: number; message: string }[] }>(
      bad,
      422,
    );
    expect(body.error.code).toBe('ledger_import_rejected');
    expect(body.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(body.errors[0]!.message).toContain('9999');
    const after = await t.db
      .selectFrom('finance_cost_outcome')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_type', '=', 'finance_ledger_import')
      .execute();
    expect(audit).toEqual([{ action: 'import' }]);
  });
});

describe('employment cost from placements', () => {
  it('uses salary × cost factor − subsidy when no ledger rows exist for anstallning', async () => {
    const programmeId = await createProgramme('placeringskostnad');
    const personId = await insertPerson(t.db, org, unit);
    const enrolmentId = randomUUID();
    const now = new Date('2026-01-01T00:00:00Z');
    await t.db
      .insertInto('enrolment')
      .values({
        organisation_id: org,
        id: enrolmentId,
        person_id: personId,
        programme_id: programmeId,
        unit_id: unit,
        status: 'enrolled',
        start_date: '2026-01-01',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const workplaceId = randomUUID();
    await t.db
      .insertInto('workplace')
      .values({
        organisation_id: org,
        id: workplaceId,
        name: 'Arbetsplats',
        kind: 'kommunal',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.db
      .insertInto('placement')
      .values({
        organisation_id: org,
        id: randomUUID(),
        enrolment_id: enrolmentId,
        person_id: personId,
        workplace_id: workplaceId,
        start_date: '2026-01-01',
        end_date: '2026-02-28',
        share_name_with_workplace: false,
        monthly_salary_sek: 25000,
        employer_cost_factor: 1.3142,
        subsidy_monthly_sek: 20000,
        subsidy_from: '2026-02-01',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const cmp = await costComparison(await ctxOf(chef), programmeId, { year: 2026 });
    // January 25 000 × 1.3142 = 32 855; February 32 855 − 20 000 = 12 855 → 45 710
    expect(cmp).toEqual([
      { category: 'anstallning', forecastSek: 0, outcomeSek: 45710, deviationSek: 45710 },
    ]);
  });
});

describe('socio-economic evaluation through the API', () => {
  const parameters: [string, number, string][] = [
    ['forsorjningsstod_per_manad', 10000, 'kr/månad'],
    ['lon_per_manad', 25000, 'kr/månad'],
    ['kommunalskatt', 0.2, 'andel'],
    ['regionskatt', 0.12, 'andel'],
    ['arbetsgivaravgift', 0.3, 'andel'],
    ['utanforskap_kommun_per_ar', 20000, 'kr/år'],
    ['utanforskap_region_per_ar', 10000, 'kr/år'],
    ['utanforskap_stat_per_ar', 30000, 'kr/år'],
    ['pensionsalder', 65, 'år'],
  ];

  it('needs every parameter, computes from enrolments and follow-ups, and exports with audit', async () => {
    const programmeId = await createProgramme('socioekonomi');
    const now = new Date('2026-01-01T00:00:00Z');
    const enrol = async (start: string, birthDate: string, exit: { date: string; income: string } | null) => {
      const personId = await insertPerson(t.db, org, unit, { birthDate, incomeSource: 'forsorjningsstod' });
      const id = randomUUID();
      await t.db
        .insertInto('enrolment')
        .values({
          organisation_id: org,
          id,
          person_id: personId,
          programme_id: programmeId,
          unit_id: unit,
          status: exit ? 'exited' : 'enrolled',
          start_date: start,
          exit_date: exit?.date ?? null,
          exit_reason: exit ? 'arbete' : null,
          income_source_at_exit: exit?.income ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      return { id, personId };
    };
    const a = await enrol('2025-02-01', '1966-01-15', { date: '2026-01-31', income: 'lon' });
    const b = await enrol('2025-02-02', '1963-06-01', { date: '2026-01-31', income: 'forsorjningsstod' });
    await enrol('2025-02-03', '1986-03-01', null);
    for (const [e, outcome] of [
      [a, 'arbete'],
      [b, 'arbete'],
    ] as const) {
      await t.db
        .insertInto('follow_up')
        .values({
          organisation_id: org,
          id: randomUUID(),
          enrolment_id: e.id,
          person_id: e.personId,
          months_after_exit: 6,
          due_on: '2026-07-31',
          status: 'genomford',
          outcome,
          income_source: 'lon',
          recorded_at: now,
        })
        .execute();
    }
    // A wage subsidy on A's placement, two full months of 10 000 kr: the state's cost 20 000.
    const workplaceId = randomUUID();
    await t.db
      .insertInto('workplace')
      .values({
        organisation_id: org,
        id: workplaceId,
        name: 'Stödplats',
        kind: 'kommunal',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.db
      .insertInto('placement')
      .values({
        organisation_id: org,
        id: randomUUID(),
        enrolment_id: a.id,
        person_id: a.personId,
        workplace_id: workplaceId,
        start_date: '2025-02-01',
        end_date: '2025-03-31',
        share_name_with_workplace: false,
        subsidy_monthly_sek: 10000,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await json(
      await t.request('POST', `/api/programmes/${programmeId}/cost-outcomes`, {
        session: chef,
        body: {
          category: 'anstallning',
          periodFrom: '2025-02-01',
          periodTo: '2026-01-31',
          amountSek: 330000,
        },
      }),
      201,
    );
    const url = `/api/programmes/${programmeId}/socioeconomic-evaluation?from=2025-01-01&to=2026-12-31&successShares=0.25`;

    // No parameters yet: 422 listing every missing key.
    const missing = await json<{ error: { code: string; fields: { path: string }[] } }>(
      await t.request('GET', url, { session: analyst }),
      422,
    );
    expect(missing.error.code).toBe('parameters_missing');
    expect(missing.error.fields.map((f) => f.path)).toHaveLength(9);

    for (const [key, value, unit] of parameters) {
      const res = await t.request('POST', '/api/finance/parameters', {
        session: analyst,
        body: { year: 2026, key, value, unit, source: 'Testvärde, runda tal' },
      });
      expect(res.status).toBe(201);
    }
    expect(
      (
        await t.request('POST', '/api/finance/parameters', {
          session: chef,
          body: { year: 2026, key: 'x', value: 1, unit: 'st', source: 's' },
        })
      ).status,
    ).toBe(403);
    const editor = await json<{
      missing: string[];
      inForce: { key: string; value: number; source: string }[];
    }>(await t.request('GET', '/api/finance/parameters?year=2026', { session: chef }), 200);
    expect(editor.missing).toEqual([]);
    expect(editor.inForce.map((p) => p.key)).toEqual(parameters.map(([k]) => k));

    const ev = await json<{
      parameters: { id: string }[];
      result: {
        observedShare: { num: number; den: number };
        participants: {
          ref: string;
          ageAtExit: number;
          monthsBefore: number;
          monthsAfter: number;
          cost: { kommun: number; stat: number };
        }[];
        costs: { kommun: number };
        assumptions: string[];
        scenarios: { label: string; sharePercent: number }[];
      };
    }>(await t.request('GET', url, { session: analyst }), 200);
    // A: exit with wage, in work at 6 months → 0 of 12 months after; B: exit on stöd, in work from month 6 → 5;
    // C: still enrolled → no effect yet (12 = 12). Share = (12 + 7 + 0) / 36.
    expect(
      ev.result.participants.map((p) => [
        p.ref,
        p.ageAtExit,
        p.monthsBefore,
        p.monthsAfter,
        p.cost.kommun,
        p.cost.stat,
      ]),
    ).toEqual([
      ['D1', 60, 12, 0, 110000, 20000],
      ['D2', 62, 12, 5, 110000, 0],
      ['D3', 40, 12, 12, 110000, 0],
    ]);
    expect(ev.result.observedShare).toEqual({ num: 19, den: 36 });
    expect(ev.result.costs.kommun).toBe(330000);
    expect(ev.result.scenarios.map((s) => s.sharePercent)).toEqual([52.8, 25]);
    expect(ev.result.assumptions[0]).toContain('Statisk kalkyl');
    expect(ev.parameters).toHaveLength(9);

    for (const format of ['pdf', 'xlsx'] as const) {
      const res = await t.request(
        'GET',
        `/api/programmes/${programmeId}/socioeconomic-evaluation/export?from=2025-01-01&to=2026-12-31&format=${format}`,
        {
          session: analyst,
        },
      );
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4).toString('latin1')).toBe(format === 'pdf' ? '%PDF' : 'PK\u0003\u0004');
      if (format === 'pdf') {
        // The document prints the parameter set with its source, so a reader can recompute the figures.
        const text = pdfText(bytes).replace(/\s+/g, ' ');
        expect(text).toContain('Testvärde, runda tal');
        for (const [, value, unit] of parameters) {
          const sv = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 6 })
            .format(value)
            .replace(/\s/g, ' ');
          expect(text).toContain(`${sv} ${unit}`);
        }
        expect(text).toContain('0,12 andel');
      }
    }
    const exports = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('object_type', '=', 'socioeconomic_evaluation')
      .execute();
    expect(exports.map((e) => e.action)).toEqual(['export', 'export']);
    expect((exports[0]!.details as { parameterIds: string[] }).parameterIds).toHaveLength(9);
  });
});
