import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../../test/app.ts';
import { countPersons, DEMO_UNITS, eventsAbout, numberSource, unitId } from '../../../test/participants.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import { decodeCsvBytes, parseCsvRecords } from './import-file.ts';

let t: TestApp;
let chef: TestSession;
let jc: string;
const nextNumber = numberSource(9090);

beforeAll(async () => {
  t = await createTestApp();
  chef = await t.login('enhetschef');
  jc = await unitId(t, DEMO_UNITS.jobbcentrum);
});
afterAll(async () => {
  await t.close();
});

const HEADER =
  'Personnummer;Förnamn;Efternamn;Kön;E-post;Språk;Utbildningsnivå;Yrkesintresse;Körkort;A-kassa;Försörjning före start;Handläggare';

function row(
  i: number,
  over: Partial<
    Record<'pnr' | 'first' | 'last' | 'email' | 'lang' | 'sun' | 'ssyk' | 'akassa' | 'inc', string>
  > = {},
) {
  return [
    over.pnr ?? nextNumber(),
    over.first ?? `Förnamn${i}`,
    over.last ?? `Efternamnsson${i}`,
    '',
    over.email ?? '',
    over.lang ?? 'ar (tolk), Svenska',
    over.sun ?? '337',
    over.ssyk ?? '5120, 9412',
    'B',
    over.akassa ?? 'Kommunalarbetarnas a-kassa',
    over.inc ?? 'Försörjningsstöd',
    'handlaggare',
  ].join(';');
}

async function postImport(filename: string, bytes: Uint8Array, session = chef) {
  return t.request('POST', '/api/participants/import', {
    session,
    body: { filename, contentBase64: Buffer.from(bytes).toString('base64'), responsibleUnitId: jc },
  });
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV reading', () => {
  it('detects UTF-8 with BOM, UTF-8 without BOM and Windows-1252', () => {
    const text = 'Förnamn;Efternamn\r\nÅsa;Öberg\r\n';
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
    expect(decodeCsvBytes(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    const cp1252 = new Uint8Array(
      [...text].map((ch) => ({ Å: 0xc5, ö: 0xf6, Ö: 0xd6 })[ch] ?? ch.charCodeAt(0)),
    );
    expect(decodeCsvBytes(cp1252)).toEqual({ text, encoding: 'windows-1252' });
  });

  it('parses quoted fields with separators and line breaks, and keeps line numbers', () => {
    const records = parseCsvRecords('a;b\r\n"x;1";"rad\nett"\r\n\r\n"sa ""hej""";z\n', ';');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x;1', 'rad\nett'] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['sa "hej"', 'z'] },
    ]);
  });
});

describe('import', () => {
  it('is atomic: one bad row among 100 writes nothing and every bad row is reported with line and column', async () => {
    const before = await countPersons(t);
    const lines = [HEADER];
    for (let i = 0; i < 100; i++) {
      if (i === 10) lines.push(row(i, { pnr: '19900101-0000' }));
      else if (i === 40) lines.push(row(i, { email: 'inte-en-adress', sun: '999' }));
      else if (i === 77) lines.push(row(i, { last: '', lang: 'klingonska' }));
      else lines.push(row(i));
    }
    const res = await postImport('deltagare.csv', utf8(lines.join('\r\n')));
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; message: string };
      errors: { line: number; column: string; message: string }[];
    };
    expect(body.error.code).toBe('import_invalid');
    expect(body.error.message).toMatch(/Ingenting har importerats/);
    const cells = body.errors.map((e) => `${e.line}:${e.column}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        '12:Personnummer',
        '42:E-post',
        '42:Utbildningsnivå',
        '79:Efternamn',
        '79:Språk',
      ]),
    );
    expect(new Set(body.errors.map((e) => e.line))).toEqual(new Set([12, 42, 79]));
    for (const e of body.errors) expect(e.message.length).toBeGreaterThan(3);
    expect(await countPersons(t)).toBe(before);
    const failures = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_type', '=', 'person_import')
      .execute();
    expect(failures.at(-1)).toMatchObject({ action: 'import', outcome: 'failure' });
  });

  it('imports 100 good rows in one transaction with one import event and one create event per person', async () => {
    const before = await countPersons(t);
    const lines = [HEADER];
    for (let i = 0; i < 100; i++) lines.push(row(i));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(lines.join('\r\n'))]);
    const res = await postImport('deltagare.csv', bytes);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { importId: string; imported: number; encoding: string };
    expect(body).toMatchObject({ imported: 100, encoding: 'utf-8-bom' });
    expect(await countPersons(t)).toBe(before + 100);
    const importEvents = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('object_id', '=', body.importId)
      .execute();
    expect(importEvents).toEqual([expect.objectContaining({ action: 'import', outcome: 'success' })]);
    const creates = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'create')
      .where('object_type', '=', 'person')
      .where('seq', '>', importEvents[0]!.seq)
      .execute();
    expect(creates).toHaveLength(100);
    const person = await t.db
      .selectFrom('person')
      .selectAll()
      .where('first_name', '=', 'Förnamn7')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({
      education_level_code: '337',
      income_source: 'forsorjningsstod',
      driving_licences: ['B'],
    });
    const langs = await t.db
      .selectFrom('person_language')
      .selectAll()
      .where('person_id', '=', person.id)
      .orderBy('language_code')
      .execute();
    expect(langs.map((l) => [l.language_code, l.needs_interpreter])).toEqual([
      ['ar', true],
      ['sv', false],
    ]);
    expect((await eventsAbout(t, person.id)).map((e) => e.action)).toEqual(['create']);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });

  it('takes a file larger than the app-wide 1 MiB body limit (imports have their own limit)', async () => {
    const before = await countPersons(t);
    const lines = [HEADER];
    for (let i = 0; i < 6000; i++) lines.push(row(i, { email: `deltagare.nummer${i}@exempel.se` }));
    const bytes = utf8(lines.join('\r\n'));
    expect(Buffer.from(bytes).toString('base64').length).toBeGreaterThan(1024 * 1024);
    const res = await postImport('stor.csv', bytes);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { imported: number }).imported).toBe(6000);
    expect(await countPersons(t)).toBe(before + 6000);
  }, 120_000);

  it('reports numbers that already exist, and the same number twice in the file', async () => {
    const dup = nextNumber();
    const first = await postImport('a.csv', utf8([HEADER, row(1, { pnr: dup })].join('\n')));
    expect(first.status).toBe(201);
    const twice = nextNumber();
    const res = await postImport(
      'b.csv',
      utf8(
        [
          HEADER,
          row(1, { pnr: `${dup.slice(2, 8)}-${dup.slice(8)}` }),
          row(2, { pnr: twice }),
          row(3, { pnr: twice }),
        ].join('\n'),
      ),
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { line: number; column: string; message: string }[] };
    expect(body.errors).toEqual([
      { line: 2, column: 'Personnummer', message: 'Det finns redan en deltagare med det här personnumret.' },
      { line: 4, column: 'Personnummer', message: 'Personnumret finns redan på rad 3 i filen.' },
    ]);
  });

  it('reads Windows-1252 CSV and names unknown or missing columns on line 1', async () => {
    const text = `${HEADER}\r\n${row(1, { first: 'Åke', last: 'Öst' })}\r\n`;
    const bytes = new Uint8Array(
      [...text].map((ch) => {
        const map: Record<string, number> = { Å: 0xc5, å: 0xe5, Ä: 0xc4, ä: 0xe4, Ö: 0xd6, ö: 0xf6 };
        return map[ch] ?? ch.charCodeAt(0);
      }),
    );
    const res = await postImport('latin.csv', bytes);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { encoding: string }).encoding).toBe('windows-1252');
    expect(
      await t.db.selectFrom('person').select('id').where('last_name', '=', 'Öst').execute(),
    ).toHaveLength(1);

    const bad = await postImport('x.csv', utf8('Förnamn;Skonummer\nA;42\n'));
    expect(bad.status).toBe(422);
    const errs = ((await bad.json()) as { errors: { line: number; column: string; message: string }[] })
      .errors;
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 1,
          column: 'Skonummer',
          message: expect.stringMatching(/Okänd kolumn/),
        }),
        expect.objectContaining({
          line: 1,
          column: 'Personnummer',
          message: expect.stringMatching(/saknas/),
        }),
      ]),
    );
  });

  it('imports XLSX, including numbers typed as numbers and dates as dates', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['Personnummer', 'Förnamn', 'Efternamn', 'A-kassa', 'A-kassa sedan', 'Postnummer']);
    const n1 = nextNumber();
    ws.addRow([Number(n1), 'Excel', 'Siffersson', 'Unionens a-kassa', new Date(Date.UTC(2021, 4, 1)), 12345]);
    ws.addRow([nextNumber(), 'Excel', 'Textsson', '', '', '']);
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const res = await postImport('lista.xlsx', bytes);
    expect(res.status, await res.clone().text()).toBe(201);
    const p = await t.db
      .selectFrom('person')
      .selectAll()
      .where('last_name', '=', 'Siffersson')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      personnummer: n1,
      akassa_member_since: '2021-05-01',
      address_postal_code: '12345',
    });

    const ws2 = new ExcelJS.Workbook();
    const s2 = ws2.addWorksheet('Blad1');
    s2.addRow(['Personnummer', 'Förnamn', 'Efternamn']);
    s2.addRow(['fel', 'A', 'B']);
    const res2 = await postImport('fel.xlsx', new Uint8Array((await ws2.xlsx.writeBuffer()) as ArrayBuffer));
    expect(res2.status).toBe(422);
    expect(((await res2.json()) as { errors: { line: number; column: string }[] }).errors[0]).toMatchObject({
      line: 2,
      column: 'Personnummer',
    });
  });

  it('serves a template in both formats that imports back without errors when filled in', async () => {
    const csv = await t.request('GET', '/api/participants/import/template?format=csv', { session: chef });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = new TextDecoder().decode(csvBytes.slice(3)).trim();
    const filled = `${header}\r\n${nextNumber()};Mall;Mallsson${';'.repeat(header.split(';').length - 3)}\r\n`;
    expect((await postImport('mall.csv', utf8(filled))).status).toBe(201);

    const xlsx = await t.request('GET', '/api/participants/import/template', { session: chef });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Deltagare', 'Instruktioner']);
  });

  it('is refused to roles without the import permission and for units outside the grant', async () => {
    const hl = await t.login('handlaggare');
    expect((await postImport('a.csv', utf8(HEADER), hl)).status).toBe(403);
    const res = await t.request('POST', '/api/participants/import', {
      session: chef,
      body: {
        filename: 'a.csv',
        contentBase64: Buffer.from(`${HEADER}\n${row(1)}`).toString('base64'),
        responsibleUnitId: await unitId(t, DEMO_UNITS.kcNorr),
      },
    });
    expect(res.status).toBe(403);
  });
});

describe('months with ekonomiskt bistånd', () => {
  const header = 'Personnummer;Förnamn;Efternamn;Försörjning före start;Månader med bistånd (senaste 12)';

  it('imports the optional column, empty as not recorded, and names bad cells on their line', async () => {
    const res = await postImport(
      'bistand.csv',
      utf8(
        [
          header,
          `${nextNumber()};Lång;Bistandsson;Försörjningsstöd;11`,
          `${nextNumber()};Okänd;Bistandsson;Försörjningsstöd;`,
        ].join('\r\n'),
      ),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const rows = await t.db
      .selectFrom('person')
      .select(['first_name', 'assistance_months'])
      .where('last_name', '=', 'Bistandsson')
      .orderBy('first_name')
      .execute();
    expect(rows).toEqual([
      { first_name: 'Lång', assistance_months: 11 },
      { first_name: 'Okänd', assistance_months: null },
    ]);

    const before = await countPersons(t);
    const bad = await postImport(
      'bistand-fel.csv',
      utf8(
        [
          header,
          `${nextNumber()};A;Felsson;Försörjningsstöd;13`,
          `${nextNumber()};B;Felsson;Försörjningsstöd;tre`,
          `${nextNumber()};C;Felsson;Försörjningsstöd;10`,
        ].join('\r\n'),
      ),
    );
    expect(bad.status).toBe(422);
    const errs = ((await bad.json()) as { errors: { line: number; column: string; message: string }[] })
      .errors;
    expect(errs).toEqual([
      { line: 2, column: 'Månader med bistånd (senaste 12)', message: expect.stringMatching(/0–12/) },
      { line: 3, column: 'Månader med bistånd (senaste 12)', message: expect.stringMatching(/0–12/) },
    ]);
    expect(await countPersons(t)).toBe(before);
  });
});
