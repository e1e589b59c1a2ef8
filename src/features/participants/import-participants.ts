import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx, RoleGrant } from '../../context.ts';
import { normalizeForSearch } from '../../domain/codelists.ts';
import { parsePersonnummer } from '../../domain/personnummer.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import { grantsFor } from '../../http/policy.ts';
import { type AuditInput, recordAudit, recordAuditMany } from '../audit/record-event.ts';
import { loadActorProtection } from './access.ts';
import { type PersonCodeLists, personCodeLists } from './code-lists.ts';
import { todayInSweden } from './dates.ts';
import {
  columnByKey,
  columnForHeader,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportKey,
} from './import-columns.ts';
import { ImportFileError, readImportFile } from './import-file.ts';
import { caseWorkersForUnit, checkCodes, nameColumns, occupationRows } from './person-fields.ts';
import { inTransaction, Refusal } from './person-tx.ts';
import { participantsPolicy } from './policy.ts';
import {
  activeUsersWithRoles,
  analyzePersons,
  bulkInsertLanguages,
  bulkInsertOccupations,
  bulkInsertPersons,
  type NewPerson,
  personsByNumbers,
  visibleIds,
} from './repo.ts';
import { type INCOME_SOURCES, type RegisterInput, registerSchema } from './schema.ts';

/**
 * Import of participants from CSV or XLSX into one unit. Atomic: the whole file is checked first; if
 * any row is wrong nothing is written and every problem is returned with its line, column and a
 * Swedish reason. Otherwise one transaction writes every person with their languages and occupations,
 * one `create` event per person (so "who changed my data" and registerutdrag find them by
 * subject_person_id, like any other registration) and one `import` event for the file. The events are
 * appended to the audit chain in one batch (recordAuditMany), which keeps 10 000 rows well within
 * seconds. Protected identities are never imported: the grade is set by hand by the unit manager.
 */

export const MAX_IMPORT_ROWS = 50_000;

export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

export class ImportRejected extends AppError {
  constructor(readonly issues: ImportIssue[]) {
    super(422, 'import_invalid', {
      sv: `Filen har fel på ${issues.length} ${issues.length === 1 ? 'ställe' : 'ställen'}. Ingenting har importerats.`,
      en: `The file has ${issues.length} ${issues.length === 1 ? 'error' : 'errors'}. Nothing was imported.`,
    });
  }
}

const INCOME_BY_FOLDED = new Map<string, (typeof INCOME_SOURCES)[number]>([
  ['forsorjningsstod', 'forsorjningsstod'],
  ['aktivitetsstod', 'aktivitetsstod'],
  ['ingen', 'ingen'],
  ['annan', 'annan'],
]);

const splitList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Path of a registerSchema issue → import column. */
function columnOfPath(path: readonly PropertyKey[]): ImportKey | null {
  const [a, b] = path.map(String);
  switch (a) {
    case 'personnummer':
    case 'firstName':
    case 'lastName':
    case 'sex':
    case 'email':
    case 'phone':
    case 'municipalityCode':
    case 'educationLevel':
    case 'drivingLicences':
    case 'incomeSource':
    case 'assistanceMonths':
    case 'adjustmentNeeds':
    case 'languages':
      return a;
    case 'address':
      return b === 'street' ? 'street' : b === 'postalCode' ? 'postalCode' : 'city';
    case 'occupations':
      return b === 'experience' ? 'experience' : 'interest';
    case 'akassa':
      return b === 'memberSince' ? 'akassaSince' : 'akassa';
    case 'caseWorkerUserId':
      return 'caseWorker';
    default:
      return null;
  }
}

interface ParsedRow {
  line: number;
  input: RegisterInput;
  normalized: string;
  kind: string;
  birthDate: string;
  sexDefault: 'K' | 'M';
}

/** Checks every row; returns the rows ready to insert, or every issue found. */
async function checkRows(
  ctx: Ctx,
  headers: string[],
  rows: { line: number; cells: string[] }[],
  unitId: string,
  lists: PersonCodeLists,
  usernames: Map<string, string>,
): Promise<{ parsed: ParsedRow[]; issues: ImportIssue[] }> {
  const issues: ImportIssue[] = [];
  const columns: (ImportColumn | undefined)[] = headers.map((h) => columnForHeader(h));
  const headerOf = new Map<ImportKey, string>();
  headers.forEach((h, i) => {
    const c = columns[i];
    if (!c) {
      if (h.trim() !== '')
        issues.push({ line: 1, column: h, message: `Okänd kolumn "${h}". Se mallen för kolumnnamnen.` });
      return;
    }
    if (headerOf.has(c.key))
      issues.push({ line: 1, column: h, message: `Kolumnen "${c.header}" finns två gånger.` });
    headerOf.set(c.key, h);
  });
  for (const c of IMPORT_COLUMNS) {
    if (c.required && !headerOf.has(c.key))
      issues.push({ line: 1, column: c.header, message: `Kolumnen "${c.header}" saknas.` });
  }
  if (issues.length > 0) return { parsed: [], issues };
  const colName = (key: ImportKey) => headerOf.get(key) ?? columnByKey(key).header;
  const indexOf = new Map<ImportKey, number>();
  columns.forEach((c, i) => {
    if (c && !indexOf.has(c.key)) indexOf.set(c.key, i);
  });
  const locale = { error: z.locales.sv().localeError };
  const today = todayInSweden(ctx.clock);
  const parsed: ParsedRow[] = [];

  for (const row of rows) {
    const v = (key: ImportKey) => {
      const i = indexOf.get(key);
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    const rowIssues: ImportIssue[] = [];
    const add = (key: ImportKey, message: string) =>
      rowIssues.push({ line: row.line, column: colName(key), message });

    // Free-form cells first: languages with interpreter marks, lists, names of codes.
    const languages: { code: string; needsInterpreter: boolean }[] = [];
    for (const item of splitList(v('languages'))) {
      const m = /^(.*?)\s*\(\s*tolk\s*\)\s*$/i.exec(item);
      const name = (m ? m[1] : item)!.trim();
      const byCode = lists.language.byCode.get(name.toLowerCase());
      const entry = byCode ?? lists.language.byFoldedName.get(normalizeForSearch(name));
      if (!entry) add('languages', `Okänt språk "${name}". Ange ISO 639-kod (t.ex. ar) eller svenskt namn.`);
      else languages.push({ code: entry.code, needsInterpreter: m !== null });
    }
    let akassa: RegisterInput['akassa'] = null;
    const akassaText = v('akassa');
    if (akassaText !== '') {
      const entry =
        lists.unemploymentFund.byCode.get(akassaText) ??
        lists.unemploymentFund.byFoldedName.get(normalizeForSearch(akassaText));
      if (!entry) add('akassa', `Okänd a-kassa "${akassaText}".`);
      else akassa = { code: entry.code, memberSince: v('akassaSince') || null };
    } else if (v('akassaSince') !== '') {
      add('akassaSince', 'Datum för a-kassa anges men ingen a-kassa.');
    }
    let incomeSource: RegisterInput['incomeSource'] = null;
    if (v('incomeSource') !== '') {
      incomeSource = INCOME_BY_FOLDED.get(normalizeForSearch(v('incomeSource'))) ?? null;
      if (!incomeSource) add('incomeSource', 'Ange försörjningsstöd, aktivitetsstöd, ingen eller annan.');
    }
    let assistanceMonths: number | null = null;
    if (v('assistanceMonths') !== '') {
      if (/^\d{1,3}$/.test(v('assistanceMonths'))) assistanceMonths = Number(v('assistanceMonths'));
      else add('assistanceMonths', 'Ange antal månader som ett heltal 0–12.');
    }
    let caseWorkerUserId: string | null = null;
    if (v('caseWorker') !== '') {
      caseWorkerUserId = usernames.get(v('caseWorker').toLowerCase()) ?? null;
      if (!caseWorkerUserId)
        add('caseWorker', `Ingen handläggare med användarnamnet "${v('caseWorker')}" arbetar på enheten.`);
    }
    const sexText = v('sex').toUpperCase();
    const candidate = {
      personnummer: v('personnummer'),
      firstName: v('firstName'),
      lastName: v('lastName'),
      ...(sexText !== '' ? { sex: sexText } : {}),
      email: v('email') || null,
      phone: v('phone') || null,
      address:
        v('street') || v('postalCode') || v('city')
          ? { street: v('street') || null, postalCode: v('postalCode') || null, city: v('city') || null }
          : null,
      municipalityCode: v('municipalityCode') || null,
      languages,
      educationLevel: v('educationLevel') || null,
      occupations: { interest: splitList(v('interest')), experience: splitList(v('experience')) },
      drivingLicences: splitList(v('drivingLicences')).map((l) =>
        l.toUpperCase().replace(/^UTÖKAD B$/, 'Utökad B'),
      ),
      akassa,
      incomeSource,
      assistanceMonths,
      adjustmentNeeds: v('adjustmentNeeds') || null,
      caseWorkerUserId,
      responsibleUnitId: unitId,
    };
    const result = registerSchema.safeParse(candidate, locale);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = columnOfPath(issue.path);
        rowIssues.push({ line: row.line, column: key ? colName(key) : null, message: issue.message });
      }
    }
    const pnr =
      candidate.personnummer === ''
        ? null
        : parsePersonnummer(candidate.personnummer, { referenceDate: today });
    if (!pnr) add('personnummer', 'Personnummer saknas.');
    else if (!pnr.ok) add('personnummer', pnr.message);
    // Code checks also run when other cells failed, so one pass reports every problem of the row.
    for (const issue of checkCodes(lists, candidate)) {
      const key = columnOfPath(issue.path.split('.'));
      rowIssues.push({ line: row.line, column: key ? colName(key) : null, message: issue.message });
    }
    if (rowIssues.length > 0) {
      // One message per cell is enough; the same cell can fail two checks.
      const seen = new Set<string>();
      for (const i of rowIssues) {
        const k = `${i.column}|${i.message}`;
        if (!seen.has(k)) issues.push(i);
        seen.add(k);
      }
      continue;
    }
    if (result.success && pnr?.ok) {
      parsed.push({
        line: row.line,
        input: result.data,
        normalized: pnr.value.normalized,
        kind: pnr.value.kind,
        birthDate: pnr.value.birthDate,
        sexDefault: pnr.value.legalSexDefault,
      });
    }
  }

  // The same number twice in the file.
  const firstLine = new Map<string, number>();
  for (const r of parsed) {
    const seenAt = firstLine.get(r.normalized);
    if (seenAt !== undefined) {
      issues.push({
        line: r.line,
        column: colName('personnummer'),
        message: `Personnumret finns redan på rad ${seenAt} i filen.`,
      });
    } else firstLine.set(r.normalized, r.line);
  }
  return { parsed, issues };
}

export interface ImportResult {
  importId: string;
  imported: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
}

/** Imports a file of participants into `unitId`; see the module comment. */
export async function importParticipants(
  ctx: Ctx,
  input: { filename: string; content: Uint8Array; responsibleUnitId: string },
): Promise<ImportResult> {
  const actor = ctx.actor!;
  const grant: RoleGrant | undefined = grantsFor(
    actor,
    participantsPolicy.rules.import,
    input.responsibleUnitId,
  )[0];
  if (!grant) {
    await ctx.db.transaction().execute((tx) =>
      recordAudit(tx, ctx, {
        action: 'deny',
        outcome: 'denied',
        objectType: 'person_import',
        details: {
          reason: 'unit_outside_scope',
          permission: 'participants.import',
          unitId: input.responsibleUnitId,
        },
      }),
    );
    throw forbidden();
  }
  let table: Awaited<ReturnType<typeof readImportFile>>;
  try {
    table = await readImportFile(input.filename, input.content);
  } catch (err) {
    if (err instanceof ImportFileError)
      throw new AppError(422, 'import_unreadable', { sv: err.sv, en: err.en });
    throw err;
  }
  if (table.rows.length === 0) {
    throw new AppError(422, 'import_empty', {
      sv: 'Filen har inga rader med deltagare.',
      en: 'The file has no participant rows.',
    });
  }
  if (table.rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(422, 'import_too_large', {
      sv: `Filen har fler än ${MAX_IMPORT_ROWS} rader. Dela upp den.`,
      en: `The file has more than ${MAX_IMPORT_ROWS} rows. Split it.`,
    });
  }
  const lists = await personCodeLists(ctx.db);
  const staff = await ctx.db
    .transaction()
    .execute((tx) => caseWorkersForUnit(tx, actor.organisationId, input.responsibleUnitId));
  const users = await ctx.db.transaction().execute((tx) =>
    activeUsersWithRoles(
      tx,
      actor.organisationId,
      staff.map((s) => s.id),
    ),
  );
  const usernames = new Map(users.map((u) => [u.username.toLowerCase(), u.id]));
  const { parsed, issues } = await checkRows(
    ctx,
    table.headers,
    table.rows,
    input.responsibleUnitId,
    lists,
    usernames,
  );
  const importId = randomUUID();
  const colName = columnByKey('personnummer').header;

  const result = await inTransaction(ctx, async (tx) => {
    // Numbers already registered (now or historically): reported per row, revealing nothing more
    // than a single registration would.
    const existing = await personsByNumbers(
      tx,
      actor.organisationId,
      parsed.map((r) => r.normalized),
    );
    const dupIssues: ImportIssue[] = [];
    const events: AuditInput[] = [];
    if (existing.length > 0) {
      const protection = await loadActorProtection(tx, actor);
      const visible = await visibleIds(
        tx,
        actor,
        participantsPolicy.rules.read,
        protection,
        existing.map((e) => e.id),
      );
      const byNumber = new Map(existing.map((e) => [e.personnummer, e]));
      for (const r of parsed) {
        const e = byNumber.get(r.normalized);
        if (!e) continue;
        dupIssues.push({
          line: r.line,
          column: colName,
          message: visible.has(e.id)
            ? 'Det finns redan en deltagare med det här personnumret.'
            : 'Personnumret kan inte registreras. Kontakta enhetschefen.',
        });
      }
      for (const e of existing) {
        events.push({
          action: 'create',
          outcome: 'failure',
          objectType: 'person',
          objectId: e.id,
          subjectPersonId: e.id,
          role: grant.role,
          unitId: grant.unitId,
          severity: e.protection_level !== 'none' ? 'raised' : 'normal',
          details: { reason: 'duplicate_personnummer', importId, visibleToActor: visible.has(e.id) },
        });
      }
    }
    const allIssues = [...issues, ...dupIssues];
    if (allIssues.length > 0) {
      // Nothing about persons is written; the attempt itself is logged (and who it collided with).
      await recordAudit(tx, ctx, {
        action: 'import',
        outcome: 'failure',
        objectType: 'person_import',
        objectId: importId,
        role: grant.role,
        unitId: grant.unitId,
        details: { filename: input.filename, rows: table.rows.length, errors: allIssues.length },
      });
      await recordAuditMany(tx, ctx, events);
      return new Refusal(new ImportRejected(allIssues.sort((x, y) => x.line - y.line)));
    }

    const now = ctx.clock.now();
    const ids = parsed.map(() => randomUUID());
    const persons: NewPerson[] = parsed.map((r, i) => ({
      organisation_id: actor.organisationId,
      id: ids[i]!,
      personnummer: r.normalized,
      identity_kind: r.kind,
      first_name: r.input.firstName,
      last_name: r.input.lastName,
      ...nameColumns(r.input.firstName, r.input.lastName),
      sex: r.input.sex ?? r.sexDefault,
      birth_date: r.birthDate,
      email: r.input.email ?? null,
      phone: r.input.phone ?? null,
      address_street: r.input.address?.street ?? null,
      address_postal_code: r.input.address?.postalCode ?? null,
      address_city: r.input.address?.city ?? null,
      municipality_code: r.input.municipalityCode ?? null,
      education_level_code: r.input.educationLevel ?? null,
      education_level_version: r.input.educationLevel ? lists.educationLevel.version : null,
      driving_licences: r.input.drivingLicences,
      akassa_code: r.input.akassa?.code ?? null,
      akassa_member_since: r.input.akassa?.memberSince ?? null,
      akassa_version: r.input.akassa ? lists.unemploymentFund.version : null,
      income_source: r.input.incomeSource ?? null,
      assistance_months: r.input.assistanceMonths ?? null,
      adjustment_needs: r.input.adjustmentNeeds ?? null,
      responsible_unit_id: input.responsibleUnitId,
      team_id: null,
      case_worker_user_id: r.input.caseWorkerUserId ?? null,
      partner_person_id: null,
      protection_source: null,
      last_entry_at: now,
      created_at: now,
      updated_at: now,
    }));
    await bulkInsertPersons(tx, persons);
    await analyzePersons(tx);
    await bulkInsertLanguages(
      tx,
      parsed.flatMap((r, i) =>
        r.input.languages.map((l) => ({
          organisation_id: actor.organisationId,
          person_id: ids[i]!,
          language_code: l.code,
          needs_interpreter: l.needsInterpreter,
        })),
      ),
    );
    await bulkInsertOccupations(
      tx,
      parsed.flatMap((r, i) =>
        occupationRows(lists, r.input.occupations).map((o) => ({
          organisation_id: actor.organisationId,
          person_id: ids[i]!,
          kind: o.kind,
          ssyk_code: o.code,
          ssyk_version: o.version,
        })),
      ),
    );
    await recordAuditMany(tx, ctx, [
      {
        action: 'import',
        objectType: 'person_import',
        objectId: importId,
        role: grant.role,
        unitId: grant.unitId,
        details: {
          filename: input.filename,
          format: table.format,
          encoding: table.encoding,
          count: ids.length,
        },
      },
      ...ids.map(
        (id): AuditInput => ({
          action: 'create',
          objectType: 'person',
          objectId: id,
          subjectPersonId: id,
          role: grant.role,
          unitId: grant.unitId,
          details: { importId },
        }),
      ),
    ]);
    return { importId, imported: ids.length, format: table.format, encoding: table.encoding };
  });
  return result;
}
