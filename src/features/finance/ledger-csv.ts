/**
 * Reading a ledger export from the finance system as Swedish Excel writes it: `;` separated, RFC 4180
 * quoting, CRLF or LF; UTF-8 with or without BOM, else Windows-1252; decimal comma with optional space or
 * dot thousands separators ("-1 234,50", "1.234,50", "1234.5" is also read). No rules about mapping here.
 *
 * Columns (header names, case and accents ignored): Datum (ÅÅÅÅ-MM-DD or ÅÅÅÅMMDD), Konto,
 * Kostnadsställe (or Ansvar, KST), Belopp, Text (optional).
 */

export interface LedgerRow {
  line: number;
  date: string;
  account: string;
  costCentre: string;
  amountOre: number;
  text: string | null;
}

export interface LedgerIssue {
  line: number;
  column?: string;
  message: string;
}

export function decodeCsv(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252';
} {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Records with the 1-based line each starts on; quoted fields may hold separators, quotes and line breaks. */
export function csvRecords(text: string, sep = ';'): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStart = true;
  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) out.push({ line: start, cells });
    cells = [];
    field = '';
    fieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (ch === sep) {
      cells.push(field);
      field = '';
      fieldStart = true;
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      // CRLF: handled on the \n
    } else if (ch === '\n') {
      endRecord();
      line++;
      start = line;
    } else {
      field += ch;
      fieldStart = false;
    }
  }
  if (field !== '' || cells.length > 0) endRecord();
  return out;
}

/** "-1 234,50" → -123450 öre; null if not an amount with at most two decimals. */
export function parseSwedishAmount(raw: string): number | null {
  let s = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^−/, '-');
  if (s === '') return null;
  if (s.includes(',')) {
    s = s.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.');
  }
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const ore = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(ore)) return null;
  return m[1] === '-' ? -ore : ore;
}

function parseDate(raw: string): string | null {
  const s = raw.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

const norm = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');

const HEADERS: Record<string, 'date' | 'account' | 'costCentre' | 'amount' | 'text'> = {
  datum: 'date',
  bokforingsdatum: 'date',
  konto: 'account',
  kostnadsstalle: 'costCentre',
  ansvar: 'costCentre',
  kst: 'costCentre',
  belopp: 'amount',
  text: 'text',
  beskrivning: 'text',
};

export function parseLedgerCsv(bytes: Uint8Array): {
  encoding: string;
  rows: LedgerRow[];
  issues: LedgerIssue[];
} {
  const { text, encoding } = decodeCsv(bytes);
  const records = csvRecords(text, ';');
  const issues: LedgerIssue[] = [];
  if (records.length === 0) return { encoding, rows: [], issues: [{ line: 1, message: 'Filen är tom.' }] };
  const header = records[0]!;
  const index = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const key = HEADERS[norm(h)];
    if (key && !index.has(key)) index.set(key, i);
  });
  const missing = [
    ['date', 'Datum'],
    ['account', 'Konto'],
    ['costCentre', 'Kostnadsställe'],
    ['amount', 'Belopp'],
  ].filter(([k]) => !index.has(k!));
  if (missing.length > 0) {
    return {
      encoding,
      rows: [],
      issues: [
        {
          line: header.line,
          message: `Kolumnrubrik saknas: ${missing.map(([, n]) => n).join(', ')}. Kolumnerna ska vara Datum;Konto;Kostnadsställe;Belopp;Text.`,
        },
      ],
    };
  }
  const cell = (cells: string[], k: string) => (cells[index.get(k)!] ?? '').trim();
  const rows: LedgerRow[] = [];
  for (const r of records.slice(1)) {
    const date = parseDate(cell(r.cells, 'date'));
    const account = cell(r.cells, 'account');
    const costCentre = cell(r.cells, 'costCentre');
    const amountOre = parseSwedishAmount(cell(r.cells, 'amount'));
    const before = issues.length;
    if (!date) issues.push({ line: r.line, column: 'Datum', message: 'Ogiltigt datum (ÅÅÅÅ-MM-DD).' });
    if (!account) issues.push({ line: r.line, column: 'Konto', message: 'Konto saknas.' });
    if (!costCentre)
      issues.push({ line: r.line, column: 'Kostnadsställe', message: 'Kostnadsställe saknas.' });
    if (amountOre === null)
      issues.push({ line: r.line, column: 'Belopp', message: 'Ogiltigt belopp (t.ex. 1 234,50).' });
    if (issues.length > before) continue;
    const text = index.has('text') ? cell(r.cells, 'text') : '';
    rows.push({ line: r.line, date: date!, account, costCentre, amountOre: amountOre!, text: text || null });
  }
  return { encoding, rows, issues };
}
