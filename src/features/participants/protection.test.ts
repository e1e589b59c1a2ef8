import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type RequestOptions, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  DEMO_UNITS,
  eventsAbout,
  extraUser,
  numberSource,
  purposeHeader,
  register,
  unitId,
} from '../../../test/participants.ts';
import { pdfText } from '../../../test/pdf-text.ts';
import { createLogger } from '../../log.ts';
import { buildApp, buildDeps } from '../../server.ts';

/**
 * The protected-identity truth table: grade (none, sekretessmarkering, skyddad folkbokföring) ×
 * the viewer's permissions (none, the grade's permission, the other grade's permission, permission +
 * access list) × {get, list, search by name and number, error paths, letter (the handlingsplan PDF),
 * report exports as CSV, XLSX and PDF, application log}. Each person is
 * a canary: its name, identity number (both forms) and street address must appear nowhere they must
 * not. All requests go through an app whose pino logger writes to memory at level debug.
 */

type Grade = 'none' | 'sekretessmarkering' | 'skyddad_folkbokforing';
type Perm = 'none' | 'sek' | 'sfb' | 'sek+list' | 'sfb+list';
const GRADES: Grade[] = ['none', 'sekretessmarkering', 'skyddad_folkbokforing'];
const PERMS: Perm[] = ['none', 'sek', 'sfb', 'sek+list', 'sfb+list'];

/** May a viewer with `perm` see a person with `grade`? (DOMAIN.md §2.5: one grade never implies another.) */
function visible(grade: Grade, perm: Perm): boolean {
  if (grade === 'none') return true;
  if (grade === 'sekretessmarkering') return perm === 'sek' || perm === 'sek+list';
  return perm === 'sfb+list';
}

let t: TestApp;
let logText = '';
let app: ReturnType<typeof buildApp>;
const users: Record<Perm, TestSession> = {} as Record<Perm, TestSession>;
const canaries: Record<Grade, { id: string; lastName: string; pnr: string; pnr10: string; street: string }> =
  {} as never;
const nextNumber = numberSource(777);

async function req(method: string, path: string, o: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.session) {
    headers.cookie = o.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = o.session.csrfToken;
  }
  return app.request(path, {
    method,
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
}

const leaks = (
  text: string,
  c: (typeof canaries)[Grade],
  opts: { nameAllowed: boolean; addressAllowed?: boolean },
) => {
  const found: string[] = [];
  if (!opts.nameAllowed && text.includes(c.lastName)) found.push('name');
  if (!opts.nameAllowed && (text.includes(c.pnr) || text.includes(c.pnr10))) found.push('personnummer');
  if (!opts.addressAllowed && text.includes(c.street)) found.push('address');
  return found;
};

beforeAll(async () => {
  t = await createTestApp();
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logText += chunk.toString();
      cb();
    },
  });
  const deps = buildDeps(t.database, t.deps.config, createLogger('debug', stream), t.clock);
  app = buildApp(deps);

  const chef = await t.login('enhetschef');
  const admin = await t.login('admin');
  const jc = await unitId(t, DEMO_UNITS.jobbcentrum);
  // The unit manager works with protected cases: the administrator grants the permission per grade.
  for (const level of ['sekretessmarkering', 'skyddad_folkbokforing']) {
    const res = await t.request('POST', '/api/protection-permissions', {
      session: admin,
      body: { userId: chef.user.id, level },
    });
    expect([200, 201]).toContain(res.status);
  }
  for (const grade of GRADES) {
    const pnr = nextNumber();
    const lastName = `Testsson${grade === 'none' ? 'Öppen' : grade === 'sekretessmarkering' ? 'Sekret' : 'Skyddad'}`;
    const street = `Kanariegränd ${GRADES.indexOf(grade) + 11}`;
    const id = await register(t, chef, {
      personnummer: pnr,
      firstName: 'Kanariefågel',
      lastName,
      responsibleUnitId: jc,
      address: { street, postalCode: '12345', city: 'Hemlingby' },
      phone: `070-000 00 0${GRADES.indexOf(grade)}`,
    });
    if (grade !== 'none') {
      const res = await t.request('PUT', `/api/participants/${id}/protection`, {
        session: chef,
        body: {
          level: grade,
          source: 'folkbokforing',
          decidedOn: '2026-01-10',
          purpose: 'Registrera skydd enligt Skatteverket',
        },
      });
      expect(res.status).toBe(200);
    }
    canaries[grade] = { id, lastName, pnr, pnr10: `${pnr.slice(2, 8)}-${pnr.slice(8)}`, street };
  }
  for (const perm of PERMS) {
    const u = await extraUser(t, `skydd-${perm.replace('+', '-')}`, [
      { role: 'handlaggare', unit: DEMO_UNITS.jobbcentrum },
    ]);
    users[perm] = u.session;
    const levels = perm.startsWith('sek')
      ? ['sekretessmarkering']
      : perm.startsWith('sfb')
        ? ['skyddad_folkbokforing']
        : [];
    for (const level of levels) {
      const res = await t.request('POST', '/api/protection-permissions', {
        session: admin,
        body: { userId: u.id, level },
      });
      expect(res.status).toBe(201);
    }
    if (perm.endsWith('+list')) {
      const res = await t.request(
        'POST',
        `/api/participants/${canaries.skyddad_folkbokforing.id}/access-list`,
        {
          session: chef,
          body: { userId: u.id },
          headers: purposeHeader('Namnge handläggare'),
        },
      );
      expect(res.status).toBe(201);
    }
  }
});
afterAll(async () => {
  await t.close();
});

describe('truth table', () => {
  for (const grade of GRADES) {
    for (const perm of PERMS) {
      const may = visible(grade, perm);
      it(`${grade} × ${perm} → ${may ? 'visible' : 'hidden'}`, async () => {
        const c = canaries[grade];
        const s = users[perm];
        const isProtected = grade !== 'none';
        // Only an unprotected person's own page shows the address; lists and errors never do.
        const check = async (what: string, res: Response, nameAllowed: boolean, addressAllowed = false) => {
          const text = await res.text();
          expect(leaks(text, c, { nameAllowed, addressAllowed }), `${what}: ${text.slice(0, 300)}`).toEqual(
            [],
          );
          return text;
        };

        // get, with a purpose
        const get = await req('GET', `/api/participants/${c.id}`, {
          session: s,
          headers: purposeHeader('Uppföljning'),
        });
        expect(get.status, 'get').toBe(may ? 200 : 404);
        const getText = await check('get', get, may, may && !isProtected);
        if (may) expect(getText).toContain(c.lastName);
        if (may && isProtected) expect(JSON.parse(getText).contact).toEqual({ masked: true });

        // get without a purpose: protected persons need one, and the refusal says nothing about them
        const bare = await req('GET', `/api/participants/${c.id}`, { session: s });
        expect(bare.status, 'get without purpose').toBe(!may ? 404 : isProtected ? 403 : 200);
        await check('get without purpose', bare, may && !isProtected, may && !isProtected);

        // list and search
        for (const [what, path] of [
          ['list', '/api/participants?scope=unit&pageSize=100'],
          ['search by name', `/api/participants?q=${encodeURIComponent('kanariefagel')}&pageSize=100`],
          ['search by number (12)', `/api/participants?q=${c.pnr}`],
          ['search by number (10)', `/api/participants?q=${encodeURIComponent(c.pnr10)}`],
        ] as const) {
          const res = await req('GET', path, { session: s });
          expect(res.status, what).toBe(200);
          const body = (await res.clone().json()) as { items: { id: string }[] };
          expect(
            body.items.some((i) => i.id === c.id),
            what,
          ).toBe(may);
          await check(what, res, may);
        }

        // error path: registering the same number again
        const dup = await req('POST', '/api/participants', {
          session: s,
          body: {
            personnummer: c.pnr10,
            firstName: 'Annan',
            lastName: 'Person',
            responsibleUnitId: await unitId(t, DEMO_UNITS.jobbcentrum),
          },
        });
        expect(dup.status, 'duplicate').toBe(409);
        const dupText = await check('duplicate', dup, false);
        expect(JSON.parse(dupText).error.code).toBe(
          may ? 'duplicate_personnummer' : 'personnummer_unavailable',
        );

        // error path: validation error with the canary's number in the body
        const bad = await req('POST', '/api/participants', {
          session: s,
          body: {
            personnummer: c.pnr,
            firstName: 'Kanariefågel',
            lastName: c.lastName,
            responsibleUnitId: 'x',
            email: 'x',
          },
        });
        expect(bad.status).toBe(400);
        await check('validation error', bad, false);

        // error path: unknown id
        const missing = await req('GET', `/api/participants/${randomUUID()}`, {
          session: s,
          headers: purposeHeader('x'),
        });
        expect(missing.status).toBe(404);
        await check('404', missing, false);

        // letter: the handlingsplan PDF goes to the participant, so it names them, but never the address
        const letter = await req('GET', `/api/participants/${c.id}/plan.pdf`, {
          session: s,
          headers: purposeHeader('Skriva ut handlingsplan'),
        });
        expect(letter.status, 'letter').toBe(may ? 200 : 404);
        if (may) {
          const text = pdfText(new Uint8Array(await letter.arrayBuffer()));
          expect(text).toContain(c.lastName);
          expect(leaks(text, c, { nameAllowed: true }), 'letter').toEqual([]);
        } else {
          await check('letter refused', letter, false);
        }

        // "visa adress": only for those who may see the person, and then it is the one place the address is
        const reveal = await req('POST', `/api/participants/${c.id}/contact`, {
          session: s,
          body: { purpose: 'Skicka kallelse' },
        });
        expect(reveal.status, 'reveal').toBe(may ? 200 : 404);
        const revealText = await reveal.text();
        if (may) expect(revealText).toContain(c.street);
        else expect(leaks(revealText, c, { nameAllowed: false })).toEqual([]);
      });
    }
  }
});

describe('audit of protected access', () => {
  it('logs every access to a protected person with raised severity and the purpose', async () => {
    const events = await eventsAbout(t, canaries.skyddad_folkbokforing.id);
    const reads = events.filter((e) => e.action === 'read' && e.outcome === 'success');
    expect(reads.length).toBeGreaterThan(0);
    for (const e of reads) {
      expect(e.severity).toBe('raised');
      expect(e.purpose).toBeTruthy();
    }
    const contact = reads.filter((e) => e.object_type === 'person_contact');
    expect(contact.map((e) => e.purpose)).toContain('Skicka kallelse');
    const denies = events.filter((e) => e.action === 'deny');
    expect(denies.length).toBeGreaterThan(0);
    expect(denies.every((e) => e.severity === 'raised')).toBe(true);
    const failed = events.filter((e) => e.action === 'create' && e.outcome === 'failure');
    expect(failed.length).toBe(PERMS.length);
    expect(failed.every((e) => e.severity === 'raised')).toBe(true);
    const change = events.find(
      (e) => e.action === 'update' && JSON.stringify(e.details).includes('protection'),
    );
    expect(change).toMatchObject({ severity: 'raised', actor_username: 'enhetschef' });
    const rows = await t.db
      .selectFrom('protection_change')
      .selectAll()
      .where('person_id', '=', canaries.skyddad_folkbokforing.id)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        from_level: 'none',
        to_level: 'skyddad_folkbokforing',
        source: 'folkbokforing',
        decided_on: '2026-01-10',
      }),
    ]);
  });

  it('decodes a percent-encoded purpose with Swedish letters', async () => {
    const purpose = 'Uppföljning – möte på måndag';
    await req('GET', `/api/participants/${canaries.sekretessmarkering.id}`, {
      session: users.sek,
      headers: purposeHeader(purpose),
    });
    const events = await eventsAbout(t, canaries.sekretessmarkering.id);
    expect(events.at(-1)).toMatchObject({ action: 'read', purpose, severity: 'raised' });
  });
});

describe('report exports', () => {
  it('never carry a canary name, number or address, in CSV, XLSX or PDF', async () => {
    // All three canaries take part in a programme and leave it, so every report counts them.
    const chef = await t.login('enhetschef');
    const jc = await unitId(t, DEMO_UNITS.jobbcentrum);
    const created = await t.request('POST', '/api/programmes', {
      session: chef,
      body: { code: `kanarie-${Date.now()}`, name: 'Kanarieinsats', kind: 'aktivitet', unitId: jc },
    });
    expect(created.status).toBe(201);
    const { id: programmeId } = (await created.json()) as { id: string };
    for (const grade of GRADES) {
      const enrolled = await t.request('POST', `/api/programmes/${programmeId}/enrolments`, {
        session: chef,
        body: { personId: canaries[grade].id, startDate: '2026-01-12' },
        headers: purposeHeader('Anvisning till insats'),
      });
      expect(enrolled.status, `${grade}: ${await enrolled.clone().text()}`).toBe(201);
      const { id } = (await enrolled.json()) as { id: string };
      const exited = await t.request('POST', `/api/enrolments/${id}/exit`, {
        session: chef,
        body: { exitDate: '2026-02-20', reason: 'studier' },
        headers: purposeHeader('Avslut'),
      });
      expect(exited.status, `${grade} exit: ${await exited.clone().text()}`).toBe(200);
    }
    const texts: string[] = [];
    for (const kind of ['outcomes', 'follow-up'] as const) {
      for (const format of ['csv', 'xlsx', 'pdf'] as const) {
        const res = await t.request(
          'GET',
          `/api/reports/${kind}/export?programmeId=${programmeId}&referenceDate=2026-03-01&format=${format}`,
          { session: chef },
        );
        expect(res.status, `${kind} ${format}`).toBe(200);
        const bytes = new Uint8Array(await res.arrayBuffer());
        let text: string;
        if (format === 'csv') text = new TextDecoder().decode(bytes);
        else if (format === 'pdf') text = pdfText(bytes);
        else {
          const wb = new ExcelJS.Workbook();
          await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
          const cells: string[] = [];
          wb.eachSheet((ws) => {
            cells.push(ws.name);
            ws.eachRow((row) => {
              row.eachCell((cell) => {
                cells.push(String(cell.value ?? ''));
              });
            });
          });
          text = cells.join('\n');
        }
        expect(text.length, `${kind} ${format} has content`).toBeGreaterThan(100);
        texts.push(text);
        for (const grade of GRADES) {
          expect(
            leaks(text, canaries[grade], { nameAllowed: false }),
            `${kind} ${format} × ${grade}`,
          ).toEqual([]);
        }
      }
    }
    // The reports do count them (so the files are about these people, not empty).
    expect(texts.some((x) => /Kanarieinsats/.test(x))).toBe(true);
  });
});

describe('application log', () => {
  it('never contains a canary name, number or address', () => {
    for (const grade of GRADES) {
      const c = canaries[grade];
      expect(logText.includes(c.lastName), `${grade} name in log`).toBe(false);
      expect(logText.includes(c.pnr) || logText.includes(c.pnr10), `${grade} number in log`).toBe(false);
      expect(logText.includes(c.street), `${grade} address in log`).toBe(false);
    }
    expect(logText).not.toMatch(/Kanariefågel/);
  });
});

describe('managing protection', () => {
  it('lets only the administrator grant permissions, and only the unit manager change a grade', async () => {
    const hl = await t.login('handlaggare');
    const res = await t.request('POST', '/api/protection-permissions', {
      session: hl,
      body: { userId: randomUUID(), level: 'sekretessmarkering' },
    });
    expect(res.status).toBe(403);
    const change = await t.request('PUT', `/api/participants/${canaries.none.id}/protection`, {
      session: hl,
      body: { level: 'sekretessmarkering', source: 'manuell', purpose: 'test' },
    });
    expect(change.status).toBe(403);
  });

  it('shows the access list with who lacks the grade permission', async () => {
    const chef = await t.login('enhetschef');
    const res = await t.request('GET', `/api/participants/${canaries.skyddad_folkbokforing.id}/access-list`, {
      session: chef,
      headers: purposeHeader('Se över åtkomst'),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { username: string; hasPermission: boolean }[] };
    const byName = Object.fromEntries(body.entries.map((e) => [e.username, e.hasPermission]));
    expect(byName).toMatchObject({ 'skydd-sfb-list': true, 'skydd-sek-list': false, enhetschef: true });
  });

  it('lowering a grade makes the person visible again to everyone in reach', async () => {
    const chef = await t.login('enhetschef');
    const res = await t.request('PUT', `/api/participants/${canaries.sekretessmarkering.id}/protection`, {
      session: chef,
      body: { level: 'none', source: 'manuell', purpose: 'Markeringen har upphört' },
    });
    expect(res.status).toBe(200);
    const asNone = await req('GET', `/api/participants/${canaries.sekretessmarkering.id}`, {
      session: users.none,
    });
    expect(asNone.status).toBe(200);
  });
});
