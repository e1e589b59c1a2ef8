import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import {
  countPersons,
  DEMO_UNITS,
  eventsAbout,
  numberSource,
  register,
  unitId,
  userId,
} from '../../../test/participants.ts';
import { verifyAudit } from '../audit/verify-audit.ts';

let t: TestApp;
let hl: TestSession;
let chef: TestSession;
let jobbcentrum: string;
const nextNumber = numberSource(20260302);

beforeAll(async () => {
  t = await createTestApp();
  hl = await t.login('handlaggare');
  chef = await t.login('enhetschef');
  jobbcentrum = await unitId(t, DEMO_UNITS.jobbcentrum);
});
afterAll(async () => {
  await t.close();
});

const body = (over: Record<string, unknown> = {}) => ({
  personnummer: nextNumber(),
  firstName: 'Test',
  lastName: 'Testsson',
  responsibleUnitId: jobbcentrum,
  ...over,
});

describe('registration', () => {
  it('accepts every documented input form and stores 12 digits, birth date and default sex', async () => {
    const twelve = nextNumber({ birthDate: '1985-07-09', sex: 'K' });
    const forms = [
      twelve, // YYYYMMDDNNNC
      `${twelve.slice(0, 8)}-${twelve.slice(8)}`, // YYYYMMDD-NNNC
      twelve.slice(2), // YYMMDDNNNC
      `${twelve.slice(2, 8)}-${twelve.slice(8)}`, // YYMMDD-NNNC
    ];
    const ids: string[] = [];
    for (const [i, form] of forms.entries()) {
      // Each form of the same number: the first registers, the others are duplicates (same person).
      const res = await t.request('POST', '/api/participants', {
        session: hl,
        body: body({ personnummer: form }),
      });
      if (i === 0) {
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      } else {
        expect(res.status, form).toBe(409);
      }
    }
    const row = await t.db
      .selectFrom('person')
      .selectAll()
      .where('id', '=', ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row.personnummer).toBe(twelve);
    expect(row.birth_date).toBe('1985-07-09');
    expect(row.sex).toBe('K');
    expect(row.identity_kind).toBe('personnummer');

    // Short forms of other numbers register as the same 12 digits.
    for (const make of [
      (n: string) => n.slice(2),
      (n: string) => `${n.slice(2, 8)}-${n.slice(8)}`,
      (n: string) => `${n.slice(0, 8)}-${n.slice(8)}`,
      (n: string) => ` ${n} `,
    ]) {
      const n = nextNumber();
      const id = await register(t, hl, body({ personnummer: make(n) }));
      const r = await t.db
        .selectFrom('person')
        .select('personnummer')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(r.personnummer).toBe(n);
    }
  });

  it('reads YYMMDD+NNNC as a person aged 100 or more', async () => {
    const n = nextNumber({ birthDate: '1921-04-03', sex: 'M' });
    const id = await register(t, hl, body({ personnummer: `${n.slice(2, 8)}+${n.slice(8)}` }));
    const r = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(r.personnummer).toBe(n);
    expect(r.birth_date).toBe('1921-04-03');
    expect(r.sex).toBe('M');
  });

  it('registers a samordningsnummer with the real birth date', async () => {
    const n = nextNumber({ birthDate: '1990-10-03', sex: 'M', coordination: true });
    const id = await register(t, hl, body({ personnummer: n }));
    const r = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(r.identity_kind).toBe('samordningsnummer');
    expect(r.birth_date).toBe('1990-10-03');
  });

  it('rejects bad numbers with a Swedish field message and writes nothing', async () => {
    const before = await countPersons(t);
    const good = nextNumber();
    const badCheck = `${good.slice(0, 11)}${(Number(good.slice(11)) + 1) % 10}`;
    for (const [input, pattern] of [
      [badCheck, /Kontrollsiffran/],
      ['19900101-123', /Ogiltigt format/],
      [`${good.slice(0, 8)}+${good.slice(8)}`, /plustecken/],
      ['', /Ange ett personnummer/],
    ] as const) {
      const res = await t.request('POST', '/api/participants', {
        session: hl,
        body: body({ personnummer: input }),
      });
      expect(res.status, input).toBe(400);
      const err = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
      expect(err.error.fields[0]!.path).toBe('body.personnummer');
      expect(err.error.fields[0]!.message).toMatch(pattern);
    }
    expect(await countPersons(t)).toBe(before);
  });

  it('stores every registry field and writes one create event in the same transaction', async () => {
    const caseWorker = await userId(t, 'handlaggare');
    const id = await register(
      t,
      hl,
      body({
        firstName: '  Åsa  Maria ',
        lastName: 'Öberg',
        sex: 'X',
        email: 'asa@example.se',
        phone: '070-123 45 67',
        address: { street: 'Storgatan 1', postalCode: '123 45', city: 'Exempelby' },
        municipalityCode: '0180',
        languages: [
          { code: 'ar', needsInterpreter: true },
          { code: 'sv', needsInterpreter: false },
        ],
        educationLevel: '337',
        occupations: { interest: ['5120', '9412'], experience: ['9111'] },
        drivingLicences: ['B', 'BE'],
        akassa: { code: 'Qo4K_J3R_mw1', memberSince: '2020-01-01' },
        incomeSource: 'forsorjningsstod',
        adjustmentNeeds: 'Behöver skriftliga instruktioner.',
        caseWorkerUserId: caseWorker,
      }),
    );
    const res = await t.request('GET', `/api/participants/${id}`, { session: hl });
    expect(res.status).toBe(200);
    const p = (await res.json()) as Record<string, unknown> & {
      languages: { code: string; name: string; needsInterpreter: boolean }[];
      occupations: { interest: { code: string }[]; experience: { code: string }[] };
      contact: { masked: boolean; address: { postalCode: string } };
      akassa: { name: string };
      educationLevel: { name: string };
    };
    expect(p.firstName).toBe('Åsa Maria');
    expect(p.lastName).toBe('Öberg');
    expect(p.sex).toBe('X');
    expect(p.languages).toEqual([
      { code: 'ar', name: 'Arabiska', needsInterpreter: true },
      { code: 'sv', name: 'Svenska', needsInterpreter: false },
    ]);
    expect(p.occupations.interest.map((o) => o.code)).toEqual(['5120', '9412']);
    expect(p.occupations.experience.map((o) => o.code)).toEqual(['9111']);
    expect(p.educationLevel.name).toMatch(/Gymnasial utbildning, yrkesinriktad, 3 år/);
    expect(p.akassa.name).toBe('Kommunalarbetarnas a-kassa');
    expect(p.contact.masked).toBe(false);
    expect(p.contact.address.postalCode).toBe('12345');
    expect(p.adjustmentNeeds).toBe('Behöver skriftliga instruktioner.');
    expect(p.incomeSource).toBe('forsorjningsstod');
    expect(p.drivingLicences).toEqual(['B', 'BE']);

    const events = await eventsAbout(t, id);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ['create', 'success'],
      ['read', 'success'],
    ]);
    expect(events[0]!.role).toBe('handlaggare');
    expect(events[0]!.unit_id).toBe(jobbcentrum);
    expect(JSON.stringify(events)).not.toMatch(/Öberg|Storgatan|asa@example/);
  });

  it('rejects unknown codes with the field path, and a case worker from another unit', async () => {
    const res = await t.request('POST', '/api/participants', {
      session: hl,
      body: body({
        languages: [{ code: 'xx' }],
        educationLevel: '999',
        occupations: { interest: ['0000'] },
        drivingLicences: ['Q'],
        akassa: { code: 'nope' },
      }),
    });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { error: { fields: { path: string }[] } }).error.fields.map(
      (f) => f.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.languages.0.code',
        'body.educationLevel',
        'body.occupations.interest.0',
        'body.drivingLicences.0',
        'body.akassa.code',
      ]),
    );
    const syv = await userId(t, 'syv');
    const res2 = await t.request('POST', '/api/participants', {
      session: hl,
      body: body({ caseWorkerUserId: syv }),
    });
    expect(res2.status).toBe(400);
    expect(await res2.text()).toMatch(/arbetar inte på den ansvariga enheten/);
  });

  it('refuses registration in a unit outside the actor’s grants with 403 and a deny event', async () => {
    const norr = await unitId(t, DEMO_UNITS.kcNorr);
    const before = await t.db.selectFrom('audit_event').select('seq').where('action', '=', 'deny').execute();
    const res = await t.request('POST', '/api/participants', {
      session: hl,
      body: body({ responsibleUnitId: norr }),
    });
    expect(res.status).toBe(403);
    const after = await t.db.selectFrom('audit_event').select('seq').where('action', '=', 'deny').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('says 409 with a clear message for a duplicate the actor can see, and audits the attempt', async () => {
    const n = nextNumber();
    const id = await register(t, hl, body({ personnummer: n }));
    const res = await t.request('POST', '/api/participants', {
      session: chef,
      body: body({ personnummer: `${n.slice(2, 8)}-${n.slice(8)}` }),
    });
    expect(res.status).toBe(409);
    const err = (await res.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('duplicate_personnummer');
    expect(err.error.message).toMatch(/finns redan en deltagare/);
    const events = await eventsAbout(t, id);
    expect(events.at(-1)).toMatchObject({
      action: 'create',
      outcome: 'failure',
      actor_username: 'enhetschef',
    });
  });
});

describe('editing and identity', () => {
  it('updates fields, recomputes the sort key, and writes one update event naming the fields', async () => {
    const id = await register(t, hl, body({ firstName: 'Bo', lastName: 'Ek' }));
    const res = await t.request('PATCH', `/api/participants/${id}`, {
      session: hl,
      body: {
        lastName: 'Åberg',
        sex: 'X',
        languages: [{ code: 'so', needsInterpreter: true }],
        status: 'vilande',
      },
    });
    expect(res.status).toBe(200);
    const row = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.last_name).toBe('Åberg');
    expect(row.search_name).toBe('bo aberg');
    expect(row.status).toBe('vilande');
    const ev = (await eventsAbout(t, id)).at(-1)!;
    expect(ev.action).toBe('update');
    expect(ev.details).toEqual({ fields: ['name', 'sex', 'status', 'languages'] });
  });

  it('refuses a save based on an older read (409) instead of overwriting a save made in between', async () => {
    const id = await register(t, hl, body({ firstName: 'Vera', lastName: 'Lind' }));
    const read = async () =>
      (await (await t.request('GET', `/api/participants/${id}`, { session: hl })).json()) as {
        updatedAt: string;
        lastName: string;
      };
    const opened = (await read()).updatedAt;
    // Two editors opened the page at the same time (the test clock stands still: every save must
    // still give a new updatedAt). The first saves.
    const first = await t.request('PATCH', `/api/participants/${id}`, {
      session: hl,
      body: { phone: '070-123 45 67', expectedUpdatedAt: opened },
    });
    expect(first.status).toBe(200);
    const saved = ((await first.json()) as { updatedAt: string }).updatedAt;
    expect(saved).not.toBe(opened);
    expect((await read()).updatedAt).toBe(saved);
    const eventsBefore = (await eventsAbout(t, id)).filter((e) => e.action === 'update').length;

    // The second, from the same old read, is refused and changes nothing.
    const second = await t.request('PATCH', `/api/participants/${id}`, {
      session: chef,
      body: { phone: '070-999 99 99', lastName: 'Lindqvist', expectedUpdatedAt: opened },
    });
    expect(second.status).toBe(409);
    const err = (await second.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('person_changed');
    expect(err.error.message).toMatch(/Någon annan har sparat ändringar för personen/);
    expect(await read()).toMatchObject({ lastName: 'Lind', updatedAt: saved });
    const row = await t.db
      .selectFrom('person')
      .select('phone')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBe('070-123 45 67');
    const updates = (await eventsAbout(t, id)).filter((e) => e.action === 'update');
    expect(updates).toHaveLength(eventsBefore + 1);
    expect(updates.at(-1)).toMatchObject({
      outcome: 'failure',
      actor_username: 'enhetschef',
      details: { reason: 'person_changed', fields: ['name', 'phone'] },
    });

    // From the new read it goes through; without expectedUpdatedAt the last save wins, as before.
    const third = await t.request('PATCH', `/api/participants/${id}`, {
      session: chef,
      body: { lastName: 'Lindqvist', expectedUpdatedAt: saved },
    });
    expect(third.status).toBe(200);
    const blind = await t.request('PATCH', `/api/participants/${id}`, { session: hl, body: { phone: null } });
    expect(blind.status).toBe(200);

    // Two saves from the same read at once: exactly one is stored.
    const now = (await read()).updatedAt;
    const both = await Promise.all(
      ['070-111 11 11', '070-222 22 22'].map((phone) =>
        t.request('PATCH', `/api/participants/${id}`, {
          session: hl,
          body: { phone, expectedUpdatedAt: now },
        }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);

    const bad = await t.request('PATCH', `/api/participants/${id}`, {
      session: hl,
      body: { phone: '070-333 33 33', expectedUpdatedAt: 'igår' },
    });
    expect(bad.status).toBe(400);
    const badErr = (await bad.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(badErr.error.fields).toEqual([
      expect.objectContaining({
        path: 'body.expectedUpdatedAt',
        message: 'Ange en giltig tidpunkt (ISO 8601).',
      }),
    ]);
  });

  it('replaces a samordningsnummer with a personnummer and keeps the old one in the history', async () => {
    const old = nextNumber({ birthDate: '1992-02-14', sex: 'K', coordination: true });
    const id = await register(t, hl, body({ personnummer: old }));
    const replacement = nextNumber({ birthDate: '1992-02-14', sex: 'K' });
    const res = await t.request('PUT', `/api/participants/${id}/identity`, {
      session: hl,
      body: { personnummer: replacement },
    });
    expect(res.status).toBe(200);
    const p = (await (await t.request('GET', `/api/participants/${id}`, { session: hl })).json()) as {
      personnummer: string;
      identityKind: string;
      identityHistory: { personnummer: string; identityKind: string }[];
    };
    expect(p.personnummer).toBe(replacement);
    expect(p.identityKind).toBe('personnummer');
    expect(p.identityHistory).toEqual([
      expect.objectContaining({ personnummer: old, identityKind: 'samordningsnummer' }),
    ]);
    // The old number still finds the person, and cannot be registered again.
    const search = (await (await t.request('GET', `/api/participants?q=${old}`, { session: hl })).json()) as {
      items: { id: string }[];
    };
    expect(search.items.map((i) => i.id)).toEqual([id]);
    const again = await t.request('POST', '/api/participants', {
      session: hl,
      body: body({ personnummer: old }),
    });
    expect(again.status).toBe(409);
    // A personnummer cannot be "replaced" again.
    const twice = await t.request('PUT', `/api/participants/${id}/identity`, {
      session: hl,
      body: { personnummer: nextNumber() },
    });
    expect(twice.status).toBe(422);
  });
});

describe('months with ekonomiskt bistånd', () => {
  const months = async (id: string) =>
    (
      (await (await t.request('GET', `/api/participants/${id}`, { session: hl })).json()) as {
        assistanceMonths: number | null;
      }
    ).assistanceMonths;

  it('is stored at registration, returned with the income source, and null when not given', async () => {
    const id = await register(t, hl, body({ incomeSource: 'forsorjningsstod', assistanceMonths: 11 }));
    expect(await months(id)).toBe(11);
    const row = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.assistance_months).toBe(11);
    expect((await eventsAbout(t, id))[0]).toMatchObject({ action: 'create', outcome: 'success' });
    const unknown = await register(t, hl, body({ incomeSource: 'forsorjningsstod' }));
    expect(await months(unknown)).toBeNull();
  });

  it('is changed and cleared by an edit, with the field named in the update event', async () => {
    const id = await register(t, hl, body({ assistanceMonths: 3 }));
    const res = await t.request('PATCH', `/api/participants/${id}`, {
      session: hl,
      body: { assistanceMonths: 12 },
    });
    expect(res.status).toBe(200);
    expect(await months(id)).toBe(12);
    const ev = (await eventsAbout(t, id)).filter((e) => e.action === 'update').at(-1)!;
    expect(ev.details).toEqual({ fields: ['assistanceMonths'] });
    const cleared = await t.request('PATCH', `/api/participants/${id}`, {
      session: hl,
      body: { assistanceMonths: null },
    });
    expect(cleared.status).toBe(200);
    expect(await months(id)).toBeNull();
  });

  it('refuses values outside 0–12 and fractions with a Swedish message on the field', async () => {
    const id = await register(t, hl, body());
    for (const bad of [13, -1, 2.5]) {
      const created = await t.request('POST', '/api/participants', {
        session: hl,
        body: body({ assistanceMonths: bad }),
      });
      const updated = await t.request('PATCH', `/api/participants/${id}`, {
        session: hl,
        body: { assistanceMonths: bad },
      });
      for (const res of [created, updated]) {
        expect(res.status, String(bad)).toBe(400);
        const err = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
        expect(err.error.fields).toEqual([
          { path: 'body.assistanceMonths', message: expect.stringMatching(/0–12/) },
        ]);
      }
    }
    expect(await months(id)).toBeNull();
    const row = await t.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.assistance_months).toBeNull();
  });
});

describe('households', () => {
  it('shares one household between members; children are counted once', async () => {
    const a = await register(t, hl, body({ firstName: 'Anna', lastName: 'Hushåll' }));
    const b = await register(t, hl, body({ firstName: 'Bertil', lastName: 'Hushåll' }));
    const created = await t.request('POST', `/api/participants/${a}/household`, {
      session: hl,
      body: { childrenAtHome: 3, children: [{ birthYearMonth: '2019-05' }, { birthYearMonth: '2021-11' }] },
    });
    expect(created.status).toBe(201);
    const { householdId } = (await created.json()) as { householdId: string };
    const linked = await t.request('PUT', `/api/participants/${b}/partner`, {
      session: hl,
      body: { partnerId: a },
    });
    expect(linked.status).toBe(200);
    const rows = await t.db
      .selectFrom('person')
      .select(['id', 'household_id', 'partner_person_id'])
      .where('id', 'in', [a, b])
      .execute();
    expect(new Set(rows.map((r) => r.household_id))).toEqual(new Set([householdId]));
    expect(rows.find((r) => r.id === a)!.partner_person_id).toBe(b);
    expect(
      await t.db.selectFrom('household').select('id').where('id', '=', householdId).execute(),
    ).toHaveLength(1);

    const page = (await (await t.request('GET', `/api/participants/${b}`, { session: hl })).json()) as {
      household: {
        childrenAtHome: number;
        children: { birthYearMonth: string }[];
        members: { id: string; isPartner: boolean }[];
      };
      partner: { id: string };
    };
    expect(page.household.childrenAtHome).toBe(3);
    expect(page.household.children).toEqual([{ birthYearMonth: '2019-05' }, { birthYearMonth: '2021-11' }]);
    expect(page.household.members).toEqual([expect.objectContaining({ id: a, isPartner: true })]);
    expect(page.partner.id).toBe(a);

    // Changing the children through one member changes it for both, and audits both.
    const upd = await t.request('PUT', `/api/participants/${b}/household/children`, {
      session: hl,
      body: { children: [{ birthYearMonth: '2019-05' }] },
    });
    expect(upd.status).toBe(200);
    const fromA = (await (await t.request('GET', `/api/participants/${a}`, { session: hl })).json()) as {
      household: { childrenAtHome: number };
    };
    expect(fromA.household.childrenAtHome).toBe(1);
    const aEvents = await eventsAbout(t, a);
    expect(
      aEvents.some((e) => e.action === 'update' && JSON.stringify(e.details).includes('household.children')),
    ).toBe(true);

    // Leaving removes the partner link on both sides; the household stays with the other member.
    expect((await t.request('DELETE', `/api/participants/${b}/household`, { session: hl })).status).toBe(200);
    const after = await t.db
      .selectFrom('person')
      .select(['id', 'household_id', 'partner_person_id'])
      .where('id', 'in', [a, b])
      .execute();
    expect(after.find((r) => r.id === b)).toMatchObject({ household_id: null, partner_person_id: null });
    expect(after.find((r) => r.id === a)).toMatchObject({
      household_id: householdId,
      partner_person_id: null,
    });
  });

  it('joins another person’s household and removes an emptied one', async () => {
    const a = await register(t, hl, body());
    const b = await register(t, hl, body());
    await t.request('POST', `/api/participants/${a}/household`, { session: hl, body: {} });
    const own = await t.request('POST', `/api/participants/${b}/household`, {
      session: hl,
      body: { childrenAtHome: 1 },
    });
    const { householdId: old } = (await own.json()) as { householdId: string };
    expect(
      (
        await t.request('POST', `/api/participants/${b}/household/join`, {
          session: hl,
          body: { personId: a },
        })
      ).status,
    ).toBe(200);
    expect(await t.db.selectFrom('household').select('id').where('id', '=', old).execute()).toHaveLength(0);
  });
});

describe('code lists', () => {
  it('searches SSYK and lists short lists in code order; ISO 639 names come from JobTech', async () => {
    const res = await t.request('GET', '/api/codelists/SSYK2012?q=cooks&level=4', { session: hl });
    expect(res.status).toBe(200);
    const body1 = (await res.json()) as { codes: { code: string; name: string }[] };
    expect(body1.codes.map((c) => c.code)).toContain('5120');
    const byCode = (await (
      await t.request('GET', '/api/codelists/SSYK2012?q=512', { session: hl })
    ).json()) as {
      codes: { code: string }[];
    };
    expect(byCode.codes[0]!.code).toBe('512');
    const iso = (await (
      await t.request('GET', '/api/codelists/ISO639?limit=1000', { session: hl })
    ).json()) as {
      codes: { code: string; name: string }[];
    };
    expect(iso.codes.find((c) => c.code === 'ar')?.name).toBe('Arabiska');
    expect(iso.codes.find((c) => c.code === 'fa')?.name).toBe('Persiska (Farsi)');
    expect(iso.codes.some((c) => c.code === 'nb')).toBe(false);
    expect((await t.request('GET', '/api/codelists/NOPE', { session: hl })).status).toBe(404);
    expect((await t.request('GET', '/api/codelists/SSYK2012')).status).toBe(401);
  });
});

describe('audit chain', () => {
  it('still verifies after all of the above', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
