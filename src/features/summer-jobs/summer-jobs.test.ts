import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { unitIdByName } from '../../../test/factories.ts';
import { allocateCommand } from '../../cli/allocate.ts';
import { runScenario } from '../../cli/scenario.ts';
import { HOUR } from '../../clock.ts';
import { createSeededRng, syntheticPersonnummer } from '../../domain/personnummer.ts';
import { createUser } from '../admin/create-user.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { setMailSender, setPublicBaseUrl } from './mail.ts';

let t: TestApp;
let jm: TestSession;
let hl: TestSession;
let supA: TestSession;
let org: string;
let seasonId: string;
let wpA: string;
let wpB: string;
const slot: Record<string, string> = {};
const rng = createSeededRng(6);
const used = new Set<string>();

function pnr(birthDate: string, sex: 'K' | 'M' = 'K') {
  let p = syntheticPersonnummer(rng, { birthDate, sex });
  while (used.has(p)) p = syntheticPersonnummer(rng, { birthDate, sex });
  used.add(p);
  return `${p.slice(0, 8)}-${p.slice(8)}`;
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

const DAY = 24 * HOUR;
const START = '2026-03-02T08:00:00.000Z';

function application(o: { personnummer: string; choices: string[]; firstTime?: boolean; email?: string }) {
  return {
    personnummer: o.personnummer,
    firstName: 'Test',
    lastName: 'Ungdom',
    municipalityCode: '1480',
    email: o.email ?? 'ung@example.se',
    phone: '070-1234567',
    guardian: { name: 'Vårdnadshavare', email: 'vh@example.se', consent: true },
    firstTime: o.firstTime ?? true,
    choices: o.choices.map((slotId) => ({ slotId })),
  };
}

const apply = (body: unknown, season = seasonId, headers: Record<string, string> = {}) =>
  t.request('POST', `/api/public/summer-jobs/${org}/seasons/${season}/applications`, { body, headers });

async function count(table: 'summer_application' | 'summer_choice' | 'outbox' | 'summer_access_token') {
  const r = await t.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** The token in the newest outbox mail to `recipient` (the link carries it after `#`). */
async function tokenFor(recipient: string, kind = 'ferie-kvitto') {
  const mail = await t.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', recipient)
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  return /#([A-Za-z0-9_-]+)/.exec(mail.body)![1]!;
}

beforeAll(async () => {
  t = await createTestApp();
  jm = await t.login('jobbmaklare');
  hl = await t.login('handlaggare');
  org = jm.user.organisation.id;
  const unit = await unitIdByName(t.db, org, 'Jobbcentrum');
  await createUser(t.systemCtx, {
    organisationId: org,
    username: 'handledare-a',
    displayName: 'Handledare A',
    password: 'handledare-a-losenord-2026',
    roles: [{ role: 'handledare', unitId: unit }],
  });
  supA = await t.login('handledare-a', 'handledare-a-losenord-2026');
  wpA = (
    await json<{ id: string }>(
      await t.request('POST', '/api/workplaces', {
        session: jm,
        body: { kind: 'kommunal', name: 'Stadsbiblioteket', area: 'Centrum' },
      }),
      201,
    )
  ).id;
  wpB = (
    await json<{ id: string }>(
      await t.request('POST', '/api/workplaces', {
        session: jm,
        body: { kind: 'forening', name: 'IK Sommar', organisationsnummer: '8020016138', area: 'Norr' },
      }),
      201,
    )
  ).id;
  await json(
    await t.request('POST', '/api/summer-jobs/supervisors', {
      session: jm,
      body: { userId: supA.user.id, workplaceId: wpA },
    }),
    204,
  );
  seasonId = (
    await json<{ id: string }>(
      await t.request('POST', '/api/summer-jobs/seasons', {
        session: jm,
        body: {
          name: 'Feriearbete 2026',
          year: 2026,
          birthYearFrom: 2007,
          birthYearTo: 2010,
          municipalityCode: '1480',
          hoursPerDay: 6,
          hourlyPaySek: 98.5,
          opensAt: '2026-02-01T00:00:00Z',
          closesAt: '2026-03-31T22:00:00Z',
          maxChoices: 3,
          mechanism: 'lottery',
          offerDays: 3,
          periods: [
            { code: 'P1', startsOn: '2026-06-15', endsOn: '2026-07-03' },
            { code: 'P2', startsOn: '2026-07-06', endsOn: '2026-07-24' },
          ],
        },
      }),
      201,
    )
  ).id;
  for (const [key, workplaceId, period, places] of [
    ['A1', wpA, 'P1', 1],
    ['A2', wpA, 'P2', 1],
    ['B1', wpB, 'P1', 1],
  ] as const) {
    slot[key] = (
      await json<{ id: string }>(
        await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/slots`, {
          session: jm,
          body: { workplaceId, period, area: key.startsWith('A') ? 'Centrum' : 'Norr', places, minAge: 16 },
        }),
        201,
      )
    ).id;
  }
});
afterAll(async () => {
  await t.close();
});

describe('supervisor links', () => {
  it('lists the handledare users with their workplaces to managers only', async () => {
    const list = await json<
      { id: string; displayName: string; workplaces: { id: string; name: string }[] }[]
    >(await t.request('GET', '/api/summer-jobs/supervisors', { session: jm }), 200);
    // The small demo's handledare (not linked) and the one this file links to Stadsbiblioteket, in Swedish order.
    expect(list.map((u) => u.displayName)).toEqual(['Handledare A', 'Hugo Handledare']);
    expect(list[0]).toEqual({
      id: supA.user.id,
      displayName: 'Handledare A',
      workplaces: [{ id: wpA, name: 'Stadsbiblioteket' }],
    });
    expect(list[1]!.workplaces).toEqual([]);
    expect((await t.request('GET', '/api/summer-jobs/supervisors', { session: hl })).status).toBe(403);
  });
});

describe('season setup', () => {
  it('stores the configuration with an audit event, and only managers may set up', async () => {
    const s = await json<{
      periods: { code: string }[];
      slots: unknown[];
      mechanism: string;
      hourlyPaySek: number;
    }>(await t.request('GET', `/api/summer-jobs/seasons/${seasonId}`, { session: hl }), 200);
    expect(s.periods.map((p) => p.code)).toEqual(['P1', 'P2']);
    expect(s.slots).toHaveLength(3);
    expect(s.hourlyPaySek).toBe(98.5);
    const ev = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_type', '=', 'summer_season')
      .where('object_id', '=', seasonId)
      .execute();
    expect(ev.map((e) => e.action)).toEqual(['create']);
    const res = await t.request('POST', '/api/summer-jobs/seasons', { session: hl, body: {} });
    expect(res.status).toBe(403);
  });
});

describe('public application e-service', () => {
  it('refuses bad input with Swedish messages and saves nothing', async () => {
    const before = { apps: await count('summer_application'), mails: await count('outbox') };
    // Born 2000: outside the cohorts 2007–2010.
    const old = await json<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      await apply(application({ personnummer: pnr('2000-05-05'), choices: [slot.A1!] })),
      422,
    );
    expect(old.error.code).toBe('summer_birth_year');
    expect(old.error.fields[0]).toMatchObject({ path: 'body.personnummer' });
    expect(old.error.fields[0]!.message).toMatch(/födelseåret/);
    // A slot that is not the season's.
    const outside = await json<{ error: { code: string; message: string } }>(
      await apply(
        application({ personnummer: pnr('2009-04-04'), choices: ['00000000-0000-4000-8000-000000000001'] }),
      ),
      422,
    );
    expect(outside.error.code).toBe('summer_choice_outside_season');
    expect(outside.error.message).toMatch(/säsongens platser/);
    // Invalid check digit.
    const bad = await json<{ error: { fields: { message: string }[] } }>(
      await apply(application({ personnummer: '20090404-0000', choices: [slot.A1!] })),
      422,
    );
    expect(bad.error.fields[0]!.message).toBeTruthy();
    // Under 18 without guardian consent.
    const minor = await json<{ error: { code: string } }>(
      await apply({
        ...application({ personnummer: pnr('2010-01-10'), choices: [slot.A1!] }),
        guardian: { name: 'VH', email: 'vh@example.se', consent: false },
      }),
      422,
    );
    expect(minor.error.code).toBe('summer_guardian_required');
    // Wrong kommun.
    const away = await json<{ error: { code: string } }>(
      await apply({
        ...application({ personnummer: pnr('2008-02-02'), choices: [slot.A1!] }),
        municipalityCode: '0180',
      }),
      422,
    );
    expect(away.error.code).toBe('summer_residence');
    // Too many choices.
    const many = await json<{ error: { code: string } }>(
      await apply(
        application({ personnummer: pnr('2008-02-02'), choices: [slot.A1!, slot.A2!, slot.B1!, slot.A1!] }),
      ),
      422,
    );
    expect(many.error.code).toBe('summer_too_many_choices');
    expect(await count('summer_application')).toBe(before.apps);
    expect(await count('outbox')).toBe(before.mails);
  });

  it('gives a receipt, mails a link, and refuses a second application for the same personnummer', async () => {
    const p = pnr('2008-06-01');
    const receipt = await json<{ reference: string; id: string }>(
      await apply(application({ personnummer: p, choices: [slot.A1!, slot.B1!], email: 'first@example.se' })),
      201,
    );
    expect(receipt.reference).toMatch(/^F2026-[A-Z0-9]{8}$/);
    const mail = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'first@example.se')
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(receipt.reference);
    expect(mail[0]!.body).toMatch(new RegExp(`(^|\\s)/ferie/ansokan\\?org=${org}#[A-Za-z0-9_-]{20,}`));
    // With the public address configured the mailed link is absolute, so it works from a mail client.
    setPublicBaseUrl('https://insats.example.se/');
    try {
      await json(
        await apply(
          application({ personnummer: pnr('2008-06-02'), choices: [slot.A1!], email: 'abs@example.se' }),
        ),
        201,
      );
    } finally {
      setPublicBaseUrl(undefined);
    }
    const absolute = await t.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'abs@example.se')
      .executeTakeFirstOrThrow();
    expect(absolute.body).toContain(`https://insats.example.se/ferie/ansokan?org=${org}#`);
    const dup = await json<{ error: { code: string; message: string } }>(
      await apply(application({ personnummer: p.replace('-', ''), choices: [slot.A2!] })),
      409,
    );
    expect(dup.error.code).toBe('summer_duplicate_application');
    // Staff see the application (one read event per person) and the mail in the outbox.
    const list = await json<{ id: string; reference: string; name: string }[]>(
      await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/applications`, { session: hl }),
      200,
    );
    expect(list.find((a) => a.id === receipt.id)).toMatchObject({
      reference: receipt.reference,
      name: 'Test Ungdom',
    });
    const outbox = await json<{ recipient: string; subject: string }[]>(
      await t.request('GET', '/api/summer-jobs/outbox', { session: jm }),
      200,
    );
    expect(
      outbox.some((m) => m.recipient === 'first@example.se' && m.subject.includes(receipt.reference)),
    ).toBe(true);
    expect((await t.request('GET', '/api/summer-jobs/outbox', { session: hl })).status).toBe(403);
    expect(dup.error.message).toMatch(/redan en ansökan/);
    const ev = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_type', '=', 'summer_application')
      .where('object_id', '=', receipt.id)
      .execute();
    expect(ev.map((e) => e.action)).toEqual(['create', 'read']);
    expect(JSON.stringify(ev[0]!.details)).not.toContain(p.slice(0, 8));
  });

  it('takes exactly one of two simultaneous applications for the same personnummer', async () => {
    const p = pnr('2009-11-11');
    const body = application({ personnummer: p, choices: [slot.A1!], email: 'race@example.se' });
    const statuses = (await Promise.all([apply(body), apply(body)])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409]);
    const rows = await t.db
      .selectFrom('summer_application')
      .select('id')
      .where('personnummer', '=', p.replace('-', ''))
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('saves nothing when a later step of the transaction fails (mail sender down)', async () => {
    const before = [
      await count('summer_application'),
      await count('summer_choice'),
      await count('summer_access_token'),
    ];
    const previous = setMailSender({
      send: async () => {
        throw new Error('smtp down');
      },
    });
    try {
      const res = await apply(application({ personnummer: pnr('2009-09-09'), choices: [slot.A1!] }));
      expect(res.status).toBe(500);
    } finally {
      setMailSender(previous);
    }
    expect([
      await count('summer_application'),
      await count('summer_choice'),
      await count('summer_access_token'),
    ]).toEqual(before);
  });

  it('passes the Origin checks: a cross-site post is refused', async () => {
    const res = await apply(application({ personnummer: pnr('2009-03-03'), choices: [slot.A1!] }), seasonId, {
      'sec-fetch-site': 'cross-site',
    });
    expect(res.status).toBe(403);
  });

  it('rate-limits the e-service per client address', async () => {
    const headers = { 'x-test-client-address': '203.0.113.9' };
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (await t.request('GET', `/api/public/summer-jobs/${org}/application`, { headers })).status;
    }
    expect(last).toBe(429);
  });

  it('lets the applicant see and change only their own application through the link, until the window closes', async () => {
    await json(
      await apply(
        application({ personnummer: pnr('2009-05-05'), choices: [slot.A1!], email: 'own@example.se' }),
      ),
      201,
    );
    await json(
      await apply(
        application({ personnummer: pnr('2009-06-06'), choices: [slot.B1!], email: 'other@example.se' }),
      ),
      201,
    );
    const token = await tokenFor('own@example.se');
    const other = await tokenFor('other@example.se');
    const url = `/api/public/summer-jobs/${org}/application`;
    const mine = await json<{ choices: { slotId: string }[]; email: string }>(
      await t.request('GET', url, { headers: { 'x-application-token': token } }),
      200,
    );
    expect(mine.email).toBe('own@example.se');
    expect(mine.choices.map((c) => c.slotId)).toEqual([slot.A1]);
    const theirs = await json<{ email: string }>(
      await t.request('GET', url, { headers: { 'x-application-token': other } }),
      200,
    );
    expect(theirs.email).toBe('other@example.se');
    expect((await t.request('GET', url, { headers: { 'x-application-token': 'gissning' } })).status).toBe(
      404,
    );
    // Another organisation's path with the same token finds nothing.
    const wrongOrg = `/api/public/summer-jobs/00000000-0000-4000-8000-000000000000/application`;
    expect((await t.request('GET', wrongOrg, { headers: { 'x-application-token': token } })).status).toBe(
      404,
    );
    const changed = await json<{ choices: { slotId: string }[] }>(
      await t.request('PUT', url, {
        headers: { 'x-application-token': token },
        body: { choices: [{ slotId: slot.A2 }, { slotId: slot.A1 }] },
      }),
      200,
    );
    expect(changed.choices.map((c) => c.slotId)).toEqual([slot.A2, slot.A1]);
    const unavailable = await json<{ error: { code: string } }>(
      await t.request('PUT', url, {
        headers: { 'x-application-token': token },
        body: { availablePeriods: ['P1'] },
      }),
      422,
    );
    expect(unavailable.error.code).toBe('summer_choice_unavailable');
    // The guardian can be changed; an applicant under 18 cannot drop the guardian's consent.
    const withGuardian = await json<{ guardian: { name: string; consent: boolean } | null }>(
      await t.request('PUT', url, {
        headers: { 'x-application-token': token },
        body: { guardian: { name: 'Ny Vårdnadshavare', email: 'ny@example.se', phone: null, consent: true } },
      }),
      200,
    );
    expect(withGuardian.guardian).toMatchObject({ name: 'Ny Vårdnadshavare', consent: true });
    const noGuardian = await json<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      await t.request('PUT', url, { headers: { 'x-application-token': token }, body: { guardian: null } }),
      422,
    );
    expect(noGuardian.error.code).toBe('summer_guardian_required');
    expect(noGuardian.error.fields[0]).toMatchObject({ path: 'body.guardian', message: /vårdnadshavare/ });
    const own = await json<{ season: { maxChoices: number; slots: unknown[]; closesAt: string } }>(
      await t.request('GET', url, { headers: { 'x-application-token': token } }),
      200,
    );
    expect(own.season.maxChoices).toBe(3);
    expect(own.season.slots).toHaveLength(3);
    expect(own.season.closesAt).toBe('2026-03-31T22:00:00.000Z');
    // After the window closes: the link says the application can no longer be changed, and no new
    // application is taken.
    t.clock.set('2026-04-01T08:00:00Z');
    try {
      const late = await json<{ error: { code: string; message: string } }>(
        await t.request('GET', url, { headers: { 'x-application-token': token } }),
        409,
      );
      expect(late.error.code).toBe('summer_window_closed');
      expect(late.error.message).toMatch(/kan inte längre/);
      const lateChange = await json<{ error: { code: string } }>(
        await t.request('PUT', url, { headers: { 'x-application-token': token }, body: { phone: '070' } }),
        409,
      );
      expect(lateChange.error.code).toBe('summer_window_closed');
      const after = await json<{ error: { code: string; message: string } }>(
        await apply(application({ personnummer: pnr('2009-07-07'), choices: [slot.A1!] })),
        409,
      );
      expect(after.error.code).toBe('summer_window_closed');
      expect(after.error.message).toMatch(/Ansökningstiden har gått ut/);
    } finally {
      t.clock.set(START);
    }
    const reads = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('object_type', '=', 'summer_application')
      .where('action', '=', 'read')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
});

describe('allocation, offers, hours and payroll', () => {
  let runs: {
    id: string;
    mode: string;
    seed: number | null;
    report: { placed: number; priceOfStability?: unknown };
  }[];

  it('runs both modes on the same input, stores the seed, and can re-run before publishing', async () => {
    for (const [i, birth] of ['2008-01-01', '2008-02-02', '2009-03-03'].entries()) {
      await json(
        await apply(
          application({
            personnummer: pnr(birth, 'M'),
            choices: [slot.B1!, slot.A1!],
            email: `extra${i}@example.se`,
            firstTime: false,
          }),
        ),
        201,
      );
    }
    const first = await json<{ runs: typeof runs }>(
      await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/runs`, {
        session: jm,
        body: { mode: 'both', seed: 42 },
      }),
      201,
    );
    runs = first.runs;
    expect(runs.map((r) => r.mode)).toEqual(['optimal', 'lottery']);
    expect(runs[1]!.seed).toBe(42);
    expect(runs[0]!.report.placed).toBe(3);
    expect(runs[0]!.report.priceOfStability).toBeDefined();
    const again = await json<{ runs: typeof runs }>(
      await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/runs`, {
        session: jm,
        body: { mode: 'lottery', seed: 42 },
      }),
      201,
    );
    // The same input and stored seed give the same lottery.
    const { priceOfStability: _p, ...lotteryReport } = runs[1]!.report as Record<string, unknown>;
    expect(again.runs[0]!.report).toEqual(lotteryReport);
    const results = await t.db
      .selectFrom('summer_run')
      .select(['id', 'result'])
      .where('id', 'in', [runs[1]!.id, again.runs[0]!.id])
      .execute();
    const assignments = results.map((r) =>
      JSON.stringify((r.result as { assignments: unknown }).assignments),
    );
    expect(assignments[0]).toBe(assignments[1]);
    const stored = await t.db
      .selectFrom('summer_run')
      .select(['seed', 'mode'])
      .where('season_id', '=', seasonId)
      .execute();
    expect(stored).toHaveLength(3);
    expect(
      (await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/runs`, { session: hl, body: {} }))
        .status,
    ).toBe(403);
  });

  it('publishes a run as offers, then refuses to re-run', async () => {
    const lottery = runs[1]!;
    const pub = await json<{ offers: number }>(
      await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/runs/${lottery.id}/publish`, {
        session: jm,
      }),
      200,
    );
    expect(pub.offers).toBe(lottery.report.placed);
    const rerun = await json<{ error: { code: string } }>(
      await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/runs`, { session: jm, body: {} }),
      409,
    );
    expect(rerun.error.code).toBe('summer_season_published');
    const offerEvents = await t.db
      .selectFrom('audit_event')
      .select('object_id')
      .where('object_type', '=', 'summer_offer')
      .where('action', '=', 'create')
      .execute();
    expect(offerEvents).toHaveLength(pub.offers);
  });

  it('moves expired offers to the reserve list and offers the place to the next in line', async () => {
    const offers = await json<{ id: string; status: string; applicationId: string }[]>(
      await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/offers`, { session: jm }),
      200,
    );
    // Accept one through the offer link, decline none; leave the others to expire.
    const firstOffer = offers[0]!;
    const app = await t.db
      .selectFrom('summer_application')
      .select('email')
      .where('id', '=', firstOffer.applicationId)
      .executeTakeFirstOrThrow();
    const offerToken = await tokenFor(app.email, 'ferie-erbjudande');
    // The offer link is not an application link.
    expect(
      (
        await t.request('GET', `/api/public/summer-jobs/${org}/application`, {
          headers: { 'x-application-token': offerToken },
        })
      ).status,
    ).toBe(404);
    await json(
      await t.request('POST', `/api/public/summer-jobs/${org}/offer-answer`, {
        headers: { 'x-application-token': offerToken },
        body: { answer: 'accept' },
      }),
      200,
    );
    const nothingYet = await json<{ expired: number }>(
      await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/offers/process-expired`, { session: jm }),
      200,
    );
    expect(nothingYet.expired).toBe(0);
    t.clock.advance(3 * DAY + HOUR);
    jm = await t.login('jobbmaklare');
    try {
      const r = await json<{ expired: number; offered: number }>(
        await t.request('POST', `/api/summer-jobs/seasons/${seasonId}/offers/process-expired`, {
          session: jm,
        }),
        200,
      );
      expect(r.expired).toBe(offers.length - 1);
      expect(r.offered).toBeGreaterThan(0);
      const after = await json<{ status: string; applicationId: string }[]>(
        await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/offers`, { session: jm }),
        200,
      );
      expect(after.filter((o) => o.status === 'utgangen')).toHaveLength(offers.length - 1);
      const fresh = after.filter((o) => o.status === 'erbjuden');
      expect(fresh).toHaveLength(r.offered);
      // Nobody whose offer expired is offered again.
      const expiredApps = new Set(after.filter((o) => o.status === 'utgangen').map((o) => o.applicationId));
      expect(fresh.some((o) => expiredApps.has(o.applicationId))).toBe(false);
      const reserve = await t.db
        .selectFrom('summer_application')
        .select('id')
        .where('status', '=', 'reserv')
        .where('id', 'in', [...expiredApps])
        .execute();
      expect(reserve).toHaveLength(expiredApps.size);
      // An expired offer can no longer be answered.
      const late = await t.request('POST', `/api/summer-jobs/offers/${offers[1]!.id}/answer`, {
        session: jm,
        body: { answer: 'accept' },
      });
      expect(late.status).toBe(409);
    } finally {
      t.clock.set(START);
      jm = await t.login('jobbmaklare');
      supA = await t.login('handledare-a', 'handledare-a-losenord-2026');
    }
  });

  it('lets a supervisor see and report hours only for their own workplace; payroll CSV has the figures', async () => {
    const offers = await t.db
      .selectFrom('summer_offer as o')
      .innerJoin('summer_slot as s', (j) =>
        j.onRef('s.organisation_id', '=', 'o.organisation_id').onRef('s.id', '=', 'o.slot_id'),
      )
      .select(['o.id', 'o.status', 's.workplace_id'])
      .where('o.season_id', '=', seasonId)
      .execute();
    // Accept every open offer as staff so that hours can be reported.
    for (const o of offers.filter((x) => x.status === 'erbjuden')) {
      await json(
        await t.request('POST', `/api/summer-jobs/offers/${o.id}/answer`, {
          session: jm,
          body: { answer: 'accept' },
        }),
        200,
      );
    }
    const accepted = await t.db
      .selectFrom('summer_offer as o')
      .innerJoin('summer_slot as s', (j) =>
        j.onRef('s.organisation_id', '=', 'o.organisation_id').onRef('s.id', '=', 'o.slot_id'),
      )
      .select(['o.id', 's.workplace_id'])
      .where('o.season_id', '=', seasonId)
      .where('o.status', '=', 'accepterad')
      .execute();
    const atA = accepted.filter((o) => o.workplace_id === wpA);
    const atB = accepted.filter((o) => o.workplace_id === wpB);
    expect(atA.length).toBeGreaterThan(0);
    expect(atB.length).toBeGreaterThan(0);
    // A protected identity (marked by staff): the supervisor gets the reference, never the name.
    const protectedOffer = await t.db
      .selectFrom('summer_offer')
      .select('application_id')
      .where('id', '=', atA[0]!.id)
      .executeTakeFirstOrThrow();
    await json(
      await t.request('PATCH', `/api/summer-jobs/applications/${protectedOffer.application_id}`, {
        session: jm,
        body: { protectedIdentity: true },
      }),
      204,
    );
    const mine = await json<
      { offerId: string; workplaceId: string; name: string | null; phone: string | null; reference: string }[]
    >(await t.request('GET', '/api/summer-jobs/my-places', { session: supA }), 200);
    expect(mine.length).toBe(atA.length);
    const hidden = mine.find((p) => p.offerId === atA[0]!.id)!;
    expect(hidden).toMatchObject({ name: null, phone: null });
    expect(hidden.reference).toMatch(/^F2026-/);
    const raised = await t.db
      .selectFrom('audit_event')
      .select('severity')
      .where('object_id', '=', atA[0]!.id)
      .where('action', '=', 'read')
      .execute();
    expect(raised.map((e) => e.severity)).toContain('raised');
    expect(mine.every((p) => p.workplaceId === wpA)).toBe(true);
    expect(JSON.stringify(mine)).not.toMatch(/\d{8}-?\d{4}/);
    const denied = await t.request('PUT', `/api/summer-jobs/offers/${atB[0]!.id}/hours`, {
      session: supA,
      body: { hours: 60 },
    });
    expect(denied.status).toBe(403);
    const deny = await t.db
      .selectFrom('audit_event')
      .select('outcome')
      .where('action', '=', 'deny')
      .where('object_id', '=', atB[0]!.id)
      .execute();
    expect(deny).toHaveLength(1);
    const tooMany = await t.request('PUT', `/api/summer-jobs/offers/${atA[0]!.id}/hours`, {
      session: supA,
      body: { hours: 200 },
    });
    expect(tooMany.status).toBe(422);
    await json(
      await t.request('PUT', `/api/summer-jobs/offers/${atA[0]!.id}/hours`, {
        session: supA,
        body: { hours: 60 },
      }),
      204,
    );
    // Supervisors cannot reach staff routes such as the payroll file.
    expect(
      (await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/payroll`, { session: supA })).status,
    ).toBe(403);
    const csvRes = await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/payroll?format=csv`, {
      session: jm,
    });
    expect(csvRes.status).toBe(200);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvRes.arrayBuffer());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('Personnummer;Namn;Period;Timmar');
    expect(csv).toMatch(/\d{8}-\d{4};[^;]+;P[12];60;98,5;5910/);
    const xlsx = await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/payroll?format=xlsx`, {
      session: jm,
    });
    expect(xlsx.status).toBe(200);
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
  });

  it('shows statistics with small cells suppressed', async () => {
    const s = await json<{
      applicants: number;
      breakdowns: {
        dimension: string;
        rows: { label: string; applicants: { status: string; display: string } }[];
      }[];
    }>(await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/statistics`, { session: jm }), 200);
    expect(s.breakdowns.map((b) => b.dimension)).toEqual([
      'kön',
      'ålder',
      'område',
      'verksamhetstyp',
      'första gången',
    ]);
    const cells = s.breakdowns.flatMap((b) => b.rows.map((r) => r.applicants));
    // With this handful of applicants every non-zero cell is below 5, so none is shown as a number.
    expect(cells.every((c) => c.status === 'suppressed' || c.display === '0')).toBe(true);
    expect(
      (await t.request('GET', `/api/summer-jobs/seasons/${seasonId}/statistics`, { session: supA })).status,
    ).toBe(403);
  });

  it('keeps the audit chain intact', async () => {
    const v = await verifyAudit(t.db);
    expect(v.ok).toBe(true);
  });
});

describe('CLI run and declined offers', () => {
  it('runs from the CLI with progress, and a declined place goes to the next in line', async () => {
    const s2 = (
      await json<{ id: string }>(
        await t.request('POST', '/api/summer-jobs/seasons', {
          session: jm,
          body: {
            name: 'Extra 2026',
            year: 2026,
            birthYearFrom: 2007,
            birthYearTo: 2010,
            hoursPerDay: 5,
            hourlyPaySek: 90,
            opensAt: '2026-02-01T00:00:00Z',
            closesAt: '2026-03-31T22:00:00Z',
            mechanism: 'optimal',
            periods: [{ code: 'V28', startsOn: '2026-07-06', endsOn: '2026-07-24' }],
          },
        }),
        201,
      )
    ).id;
    const only = (
      await json<{ id: string }>(
        await t.request('POST', `/api/summer-jobs/seasons/${s2}/slots`, {
          session: jm,
          body: { workplaceId: wpB, period: 'V28', area: 'Norr', places: 1 },
        }),
        201,
      )
    ).id;
    for (const [i, b] of ['2008-08-08', '2009-09-19', '2008-10-10'].entries()) {
      await json(
        await apply(
          {
            ...application({ personnummer: pnr(b), choices: [only], email: `cli${i}@example.se` }),
            municipalityCode: '0180',
          },
          s2,
        ),
        201,
      );
    }
    const lines: string[] = [];
    const runs = await allocateCommand(t.systemCtx, ['--season', s2, '--mode', 'optimal'], (l) =>
      lines.push(l),
    );
    expect(runs).toHaveLength(1);
    expect(lines.some((l) => l.includes('Läser ansökningar'))).toBe(true);
    expect(lines.some((l) => /optimal: körning .*1 placerade, 2 utan plats/.test(l))).toBe(true);
    const stored = await t.db
      .selectFrom('summer_run')
      .select('created_by')
      .where('id', '=', runs[0]!.id)
      .executeTakeFirstOrThrow();
    expect(stored.created_by).toBeNull();
    await json(
      await t.request('POST', `/api/summer-jobs/seasons/${s2}/runs/${runs[0]!.id}/publish`, { session: jm }),
      200,
    );
    const first = await json<{ id: string; applicationId: string }[]>(
      await t.request('GET', `/api/summer-jobs/seasons/${s2}/offers`, { session: jm }),
      200,
    );
    expect(first).toHaveLength(1);
    const declined = await json<{ status: string; nextOffered: number }>(
      await t.request('POST', `/api/summer-jobs/offers/${first[0]!.id}/answer`, {
        session: jm,
        body: { answer: 'decline' },
      }),
      200,
    );
    expect(declined).toEqual({ status: 'avbojd', nextOffered: 1 });
    const after = await json<{ status: string; applicationId: string }[]>(
      await t.request('GET', `/api/summer-jobs/seasons/${s2}/offers`, { session: jm }),
      200,
    );
    expect(after.map((o) => o.status).sort()).toEqual(['avbojd', 'erbjuden']);
    expect(after.find((o) => o.status === 'erbjuden')!.applicationId).not.toBe(first[0]!.applicationId);
    await expect(allocateCommand(t.systemCtx, ['--season', s2], () => {})).rejects.toThrow(/publicerad/);
  });
});

describe('scenario ggvv-ferie-2021', () => {
  it('loads through the public API: 410 applicants, 320 slots, the optimal mode places all 320', async () => {
    const file = JSON.parse(
      (await import('node:fs')).readFileSync(
        path.resolve(import.meta.dirname, '../../../test/scenarios/ggvv-ferie-2021.json'),
        'utf8',
      ),
    );
    const r = await runScenario(file);
    expect(r.actual.applicants).toBe(410);
    expect(r.actual.slots).toBe(320);
    expect(r.actual.placedOptimal).toBe(320);
    expect(r.actual.placedLottery as number).toBeLessThanOrEqual(320);
    expect(r.actual.priceOfStability).toMatchObject({ optimalPlaced: 320 });
  }, 180_000);
});
