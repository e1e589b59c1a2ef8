import { foldHeader, type ImportTable } from '../participants/import-file.ts';
import type { ImportIssue } from '../participants/import-participants.ts';

/**
 * The two monthly statistics files of the dashboard, checked row by row into values. No I/O: the
 * file is read by the participant import's reader (CSV as Swedish Excel writes it, or XLSX), and
 * every problem is returned with its line, column and a Swedish reason.
 *
 * - Social assistance: `Månad;Antal ansökningar` — one row per month.
 * - Arbetsförmedlingen: `Månad;Åldersgrupp;Antal inskrivna arbetslösa;Andel (%)` — one row per month
 *   and age group, with the count and/or the share. Columns are found by their (folded) header;
 *   other columns (kommun, län …) are ignored and named in the answer.
 */

export const MAX_STATISTICS_ROWS = 10_000;

const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A month as `ÅÅÅÅ-MM` from 2026-01, 2026-01-31 (Excel date), 2026M01, 202601, 2026/1 or "januari 2026". */
export function parseMonth(text: string): string | null {
  const v = text.trim();
  let year: number;
  let month: number;
  const numeric =
    /^(\d{4})-(\d{1,2})(?:-\d{1,2})?$/.exec(v) ??
    /^(\d{4})\s*[Mm/]\s*(\d{1,2})$/.exec(v) ??
    /^(\d{4})(\d{2})$/.exec(v);
  if (numeric) {
    year = Number(numeric[1]);
    month = Number(numeric[2]);
  } else {
    const named = /^([\p{L}]+)\.?\s+(\d{4})$/u.exec(foldHeader(v).replace(/\s+/g, ' '));
    if (!named) return null;
    const name = named[1] ?? '';
    const index = MONTH_NAMES.findIndex((m) => m === name || (name.length >= 3 && m.startsWith(name)));
    if (index < 0) return null;
    year = Number(named[2]);
    month = index + 1;
  }
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return null;
  return `${year}-${pad2(month)}`;
}

/** Values hidden by the publisher (Arbetsförmedlingen shows "<5"; "..", "-" and "–" are also used). */
const isHiddenValue = (v: string) => /^(<\s*\d+|\.\.|-|–|x)$/i.test(v.trim());

/** Digits with optional space/NBSP thousands separators and an optional decimal comma or point. */
function parseNumber(text: string): number | null {
  const v = text.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (!/^\d+(?:[,.]\d+)?$/.test(v)) return null;
  return Number(v.replace(',', '.'));
}

type Cell = { ok: true; value: number | null } | { ok: false; message: string };

function countCell(text: string, required: boolean): Cell {
  if (text.trim() === '') {
    return required ? { ok: false, message: 'Antalet saknas.' } : { ok: true, value: null };
  }
  if (isHiddenValue(text)) {
    return required
      ? { ok: false, message: `"${text.trim()}" är inget antal. Ange antalet som ett heltal.` }
      : { ok: true, value: null };
  }
  const n = parseNumber(text);
  if (n === null)
    return { ok: false, message: `"${text.trim()}" är inget antal. Ange ett heltal, t.ex. 1 234.` };
  if (!Number.isInteger(n))
    return { ok: false, message: `Antalet ska vara ett heltal, inte ${text.trim()}.` };
  if (n > 10_000_000) return { ok: false, message: 'Antalet är orimligt stort.' };
  return { ok: true, value: n };
}

function shareCell(text: string): Cell {
  if (text.trim() === '' || isHiddenValue(text)) return { ok: true, value: null };
  const n = parseNumber(text);
  if (n === null)
    return {
      ok: false,
      message: `"${text.trim()}" är ingen andel. Ange procent med decimalkomma, t.ex. 9,7.`,
    };
  if (n > 100) return { ok: false, message: 'Andelen ska vara mellan 0 och 100 procent.' };
  return { ok: true, value: Math.round(n * 100) / 100 };
}

/** Age group as `16-24`, `25-64` … or `totalt`, from "16–24 år", "16-24", "Totalt", "Samtliga". */
export function parseAgeGroup(text: string): string | null {
  const folded = foldHeader(text);
  if (folded === 'totalt' || folded === 'samtliga' || folded === 'alla' || folded === 'total')
    return 'totalt';
  const m = /^(\d{2})\s*[-–—]\s*(\d{2})(?:\s*år|\s*ar)?$/i.exec(text.trim());
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from >= to || from < 15 || to > 75) return null;
  return `${m[1]}-${m[2]}`;
}

type Role = 'month' | 'count' | 'ageGroup' | 'registered' | 'share';

function roleOfHeader(header: string, kind: 'social' | 'unemployment'): Role | null {
  const f = foldHeader(header);
  if (f === '') return null;
  if (/^(manad|month|period|ar manad|ar och manad|tid|datum)$/.test(f)) return 'month';
  if (kind === 'social') {
    return /antal|ansokningar|count|hushall/.test(f) ? 'count' : null;
  }
  if (/^(alder|aldersgrupp|alder ar|aldersklass|age|age group)$/.test(f)) return 'ageGroup';
  if (/andel|procent|share|percent/.test(f) || header.includes('%')) return 'share';
  if (/antal|inskrivna|arbetslosa|count/.test(f)) return 'registered';
  return null;
}

interface Columns {
  index: Partial<Record<Role, number>>;
  header: Partial<Record<Role, string>>;
  ignored: string[];
}

function findColumns(headers: string[], kind: 'social' | 'unemployment', issues: ImportIssue[]): Columns {
  const cols: Columns = { index: {}, header: {}, ignored: [] };
  headers.forEach((h, i) => {
    const role = roleOfHeader(h, kind);
    if (!role) {
      if (h.trim() !== '') cols.ignored.push(h.trim());
      return;
    }
    if (cols.index[role] !== undefined) {
      issues.push({ line: 1, column: h, message: `Kolumnen "${h}" finns två gånger (samma slags uppgift).` });
      return;
    }
    cols.index[role] = i;
    cols.header[role] = h;
  });
  const need = (role: Role, name: string) => {
    if (cols.index[role] === undefined)
      issues.push({ line: 1, column: name, message: `Kolumnen "${name}" saknas.` });
  };
  need('month', 'Månad');
  if (kind === 'social') need('count', 'Antal ansökningar');
  else {
    need('ageGroup', 'Åldersgrupp');
    if (cols.index.registered === undefined && cols.index.share === undefined)
      issues.push({
        line: 1,
        column: 'Antal inskrivna arbetslösa',
        message: 'Filen behöver kolumnen "Antal inskrivna arbetslösa" eller "Andel (%)", eller båda.',
      });
  }
  return cols;
}

const cellAt = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));

export interface SocialAssistanceRow {
  line: number;
  month: string;
  applications: number;
}

export interface UnemploymentRow {
  line: number;
  month: string;
  ageGroup: string;
  registered: number | null;
  sharePercent: number | null;
}

export interface Checked<R> {
  rows: R[];
  issues: ImportIssue[];
  ignoredColumns: string[];
}

function monthOf(text: string, line: number, column: string, issues: ImportIssue[]): string | null {
  if (text.trim() === '') {
    issues.push({ line, column, message: 'Månaden saknas.' });
    return null;
  }
  const m = parseMonth(text);
  if (!m) issues.push({ line, column, message: `"${text.trim()}" är ingen månad. Skriv t.ex. 2026-01.` });
  return m;
}

/** Checks a social-assistance file: one row per month with the number of applications. */
export function checkSocialAssistance(table: ImportTable): Checked<SocialAssistanceRow> {
  const issues: ImportIssue[] = [];
  const cols = findColumns(table.headers, 'social', issues);
  if (issues.length > 0) return { rows: [], issues, ignoredColumns: cols.ignored };
  const rows: SocialAssistanceRow[] = [];
  const seen = new Map<string, number>();
  const monthHeader = cols.header.month ?? 'Månad';
  const countHeader = cols.header.count ?? 'Antal';
  for (const r of table.rows) {
    const month = monthOf(cellAt(r.cells, cols.index.month), r.line, monthHeader, issues);
    const count = countCell(cellAt(r.cells, cols.index.count), true);
    if (!count.ok) issues.push({ line: r.line, column: countHeader, message: count.message });
    if (month) {
      const earlier = seen.get(month);
      if (earlier !== undefined) {
        issues.push({
          line: r.line,
          column: monthHeader,
          message: `Månaden ${month} finns redan på rad ${earlier}.`,
        });
        continue;
      }
      seen.set(month, r.line);
    }
    if (month && count.ok && count.value !== null)
      rows.push({ line: r.line, month, applications: count.value });
  }
  return { rows, issues, ignoredColumns: cols.ignored };
}

/** Checks an Arbetsförmedlingen file: one row per month and age group, count and/or share. */
export function checkUnemployment(table: ImportTable): Checked<UnemploymentRow> {
  const issues: ImportIssue[] = [];
  const cols = findColumns(table.headers, 'unemployment', issues);
  if (issues.length > 0) return { rows: [], issues, ignoredColumns: cols.ignored };
  const rows: UnemploymentRow[] = [];
  const seen = new Map<string, number>();
  const h = {
    month: cols.header.month ?? 'Månad',
    age: cols.header.ageGroup ?? 'Åldersgrupp',
    registered: cols.header.registered ?? 'Antal',
    share: cols.header.share ?? 'Andel (%)',
  };
  for (const r of table.rows) {
    const before = issues.length;
    const month = monthOf(cellAt(r.cells, cols.index.month), r.line, h.month, issues);
    const ageText = cellAt(r.cells, cols.index.ageGroup);
    const ageGroup = parseAgeGroup(ageText);
    if (!ageGroup)
      issues.push({
        line: r.line,
        column: h.age,
        message:
          ageText.trim() === ''
            ? 'Åldersgruppen saknas.'
            : `Åldersgruppen "${ageText.trim()}" känns inte igen. Skriv t.ex. 16-24, 25-64 eller Totalt.`,
      });
    const registered =
      cols.index.registered === undefined
        ? ({ ok: true, value: null } as const)
        : countCell(cellAt(r.cells, cols.index.registered), false);
    if (!registered.ok) issues.push({ line: r.line, column: h.registered, message: registered.message });
    const share =
      cols.index.share === undefined
        ? ({ ok: true, value: null } as const)
        : shareCell(cellAt(r.cells, cols.index.share));
    if (!share.ok) issues.push({ line: r.line, column: h.share, message: share.message });
    if (issues.length > before || !month || !ageGroup || !registered.ok || !share.ok) continue;
    if (registered.value === null && share.value === null) {
      issues.push({
        line: r.line,
        column: cols.index.registered !== undefined ? h.registered : h.share,
        message: 'Raden saknar både antal och andel.',
      });
      continue;
    }
    const key = `${month} ${ageGroup}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        line: r.line,
        column: h.age,
        message: `Månaden ${month} med åldersgruppen ${ageGroup} finns redan på rad ${earlier}.`,
      });
      continue;
    }
    seen.set(key, r.line);
    rows.push({
      line: r.line,
      month,
      ageGroup,
      registered: registered.value,
      sharePercent: share.value,
    });
  }
  return { rows, issues, ignoredColumns: cols.ignored };
}
