#!/usr/bin/env -S npx tsx
// Builds the versioned code-list data files in `codelists/` from the classification snapshots in
// the shared folder (see ../shared/codelists/README.md). The generated files are committed and
// shipped; the application never reads the shared folder at run time.
//
//   npx tsx scripts/build-codelists.ts
//   INSATS_SHARED_DIR=/path/to/shared    shared folder holding codelists/ (default: <repo>/../shared)
//   INSATS_CODELISTS_RETRIEVED=YYYY-MM-DD retrieval date to record (default: each source file's
//                                         modification date, since the download date is not recorded)
//
// The output is deterministic: running it twice on the same snapshot gives identical files.

import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { type CodeListEntry, type CodeListFile, parseCodeListFile } from '../src/domain/codelists.ts';
import { compareCodePoints } from '../src/domain/compare.ts';
import { buildIso639 } from './iso-639-sv.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = resolve(process.env.INSATS_SHARED_DIR ?? join(repoRoot, '..', 'shared'));
const sourceDir = join(sharedDir, 'codelists');
const outDir = join(repoRoot, 'codelists');

const SSYK_CSV = 'ssyk2012-structure-en.csv';
const JOBTECH_JSON = 'jobtech-taxonomy-legacy.json';
const SUN_XLSX = 'sun2020.xlsx';

const JOBTECH_REPO =
  'public repository JobtechSwe/jobtech-taxonomy-database (https://github.com/JobtechSwe/jobtech-taxonomy-database)';
const JOBTECH_SOURCE = `Arbetsförmedlingen, JobTech Taxonomy, legacy export: ${JOBTECH_REPO}, resources/taxonomy-to-concept.json`;
const JOBTECH_LICENCE =
  'unknown — see source. The repository README says "Copyright © 2020 JobTech. Distributed under the Eclipse ' +
  'Public License either version 1.0 or (at your option) any later version"; it does not say whether that ' +
  'covers the taxonomy data, which is Arbetsförmedlingen’s.';

function log(message: string): void {
  console.log(`[build-codelists] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface SourceInfo {
  readonly file: string;
  readonly sha256: string;
  readonly retrieved: string;
  readonly bytes: Buffer;
}

async function readSource(file: string): Promise<SourceInfo> {
  const path = join(sourceDir, file);
  const bytes = await readFile(path);
  const retrievedOverride = process.env.INSATS_CODELISTS_RETRIEVED;
  if (retrievedOverride !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(retrievedOverride)) {
    throw new Error('INSATS_CODELISTS_RETRIEVED måste ha formen ÅÅÅÅ-MM-DD.');
  }
  const retrieved = retrievedOverride ?? (await stat(path)).mtime.toISOString().slice(0, 10);
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), retrieved, bytes };
}

/** Trims and collapses runs of white space (several source names have trailing or double spaces). */
function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ''));
}

function entry(fields: {
  code: string;
  name: string;
  nameLang: 'sv' | 'en';
  parent?: string | undefined;
  level?: number | undefined;
  conceptId?: string | undefined;
  legacyId?: string | undefined;
}): CodeListEntry {
  // Fixed key order, undefined fields left out.
  return {
    code: fields.code,
    name: fields.name,
    nameLang: fields.nameLang,
    ...(fields.parent === undefined ? {} : { parent: fields.parent }),
    ...(fields.level === undefined ? {} : { level: fields.level }),
    ...(fields.conceptId === undefined ? {} : { conceptId: fields.conceptId }),
    ...(fields.legacyId === undefined ? {} : { legacyId: fields.legacyId }),
  };
}

/** Header pretty-printed, one code per line: readable and diff-friendly. */
function serialize(list: CodeListFile): string {
  const { codes, ...header } = list;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, '');
  const body = codes.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  return `${head},\n  "codes": [\n${body}\n  ]\n}\n`;
}

const byCode = (a: { code: string }, b: { code: string }) => compareCodePoints(a.code, b.code);

// ---------------------------------------------------------------------------------------------
// JobTech legacy export

interface JobTechConcept {
  readonly conceptId: string;
  readonly legacyAmsTaxonomyId?: string;
  readonly preferredLabel: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

type JobTechExport = Record<string, Record<string, JobTechConcept>>;

function jobtechType(data: JobTechExport, type: string): [string, JobTechConcept][] {
  const group = data[type];
  if (!group) throw new Error(`JobTech-exporten saknar typen "${type}".`);
  return Object.entries(group);
}

/** Numeric legacy ids in numeric order, others after them in string order. */
function legacyOrder(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : Number.NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : Number.NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return compareCodePoints(a, b);
}

/** A JobTech-only list: the code is the concept id (the source has no official codes). */
function jobtechList(data: JobTechExport, types: readonly string[]): CodeListEntry[] {
  const out: CodeListEntry[] = [];
  types.forEach((type, typeIndex) => {
    const concepts = jobtechType(data, type)
      .filter(([key]) => !key.startsWith('sun-2000-'))
      .sort(([a], [b]) => legacyOrder(a, b));
    for (const [key, concept] of concepts) {
      out.push(
        entry({
          code: concept.conceptId,
          name: cleanName(concept.preferredLabel),
          nameLang: 'sv',
          level: types.length > 1 ? typeIndex + 1 : undefined,
          conceptId: concept.conceptId,
          legacyId: concept.legacyAmsTaxonomyId ?? key,
        }),
      );
    }
  });
  return out;
}

function duplicateNames(data: JobTechExport, type: string): string[] {
  const byName = new Map<string, string[]>();
  for (const [, concept] of jobtechType(data, type)) {
    const name = cleanName(concept.preferredLabel);
    byName.set(name, [...(byName.get(name) ?? []), concept.conceptId]);
  }
  const dups = [...byName].filter(([, ids]) => ids.length > 1).sort(([a], [b]) => compareCodePoints(a, b));
  if (dups.length === 0) return [];
  return [
    `Names used by more than one concept: ${dups.map(([n, ids]) => `${n} (${ids.join(', ')})`).join('; ')}.`,
  ];
}

function fieldsPresent(data: JobTechExport, type: string): string[] {
  const fields = new Set<string>();
  for (const [, concept] of jobtechType(data, type)) for (const f of Object.keys(concept)) fields.add(f);
  return [...fields].sort();
}

// ---------------------------------------------------------------------------------------------
// SUN 2020 from the xlsx

function cellText(value: ExcelJS.CellValue, width: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value).padStart(width, '0');
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'object' && 'richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if (typeof value === 'object' && 'result' in value)
    return cellText(value.result as ExcelJS.CellValue, width);
  return String(value).trim();
}

/**
 * Reads one code column pair (code, name) of a SUN sheet, starting below the header row "Kod",
 * until the first empty code cell. Codes are padded to the level's width (Excel stored 00 as text
 * but 10 as a number, for instance).
 */
function readSunColumn(
  sheet: ExcelJS.Worksheet,
  codeCol: number,
  width: number,
): { code: string; name: string }[] {
  let row = 1;
  while (row <= sheet.rowCount && cellText(sheet.getCell(row, codeCol).value, 0) !== 'Kod') row++;
  if (row > sheet.rowCount)
    throw new Error(`Hittar inte rubriken "Kod" i kolumn ${codeCol} på bladet ${sheet.name}.`);
  const out: { code: string; name: string }[] = [];
  for (row++; row <= sheet.rowCount; row++) {
    const code = cellText(sheet.getCell(row, codeCol).value, width);
    if (code === '') break;
    const pattern = width === 4 ? /^\d{3}[a-z]$/ : new RegExp(`^\\d{${width}}$`);
    if (!pattern.test(code)) throw new Error(`Oväntad SUN-kod "${code}" på rad ${row} (${sheet.name}).`);
    out.push({ code, name: cleanName(cellText(sheet.getCell(row, codeCol + 1).value, 0)) });
  }
  return out;
}

interface SunBuild {
  readonly codes: CodeListEntry[];
  readonly notes: string[];
}

function buildSun(
  sheet: ExcelJS.Worksheet,
  columns: readonly { col: number; width: number }[],
  data: JobTechExport,
  jobtechTypePrefix: string,
  what: string,
): SunBuild {
  const codes: CodeListEntry[] = [];
  const notes: string[] = [];
  columns.forEach(({ col, width }, index) => {
    const level = index + 1;
    const concepts = new Map(
      jobtechType(data, `${jobtechTypePrefix}-${level}`).filter(([key]) => !key.startsWith('sun-2000-')),
    );
    const rows = readSunColumn(sheet, col, width);
    const inXlsx = new Set(rows.map((r) => r.code));
    const nameDiffs: string[] = [];
    for (const { code, name } of rows) {
      const concept = concepts.get(code);
      if (concept && cleanName(concept.preferredLabel) !== name) nameDiffs.push(code);
      codes.push(
        entry({
          code,
          name,
          nameLang: 'sv',
          parent: level === 1 ? undefined : code.slice(0, level === 4 ? 3 : level - 1),
          level,
          conceptId: concept?.conceptId,
        }),
      );
    }
    const noConcept = rows.filter((r) => !concepts.has(r.code)).map((r) => r.code);
    const notInXlsx = [...concepts.keys()].filter((k) => !inXlsx.has(k)).sort();
    if (noConcept.length > 0) {
      notes.push(
        `${what}, level ${level}: ${noConcept.length} codes have no JobTech concept: ${noConcept.join(', ')}.`,
      );
    }
    if (notInXlsx.length > 0) {
      notes.push(
        `${what}, level ${level}: JobTech has codes missing from SCB's table, left out: ${notInXlsx.join(', ')}.`,
      );
    }
    if (nameDiffs.length > 0) {
      notes.push(
        `${what}, level ${level}: ${nameDiffs.length} codes are named differently by JobTech than in SCB's table ` +
          `(SCB's name is used): ${nameDiffs.join(', ')}.`,
      );
    }
  });
  return { codes: codes.sort(byCode), notes };
}

/** The JobTech `sun-2000-*` concepts, coded by their SUN 2000 code. */
function buildSun2000(
  data: JobTechExport,
  typePrefix: string,
  codeField: string,
  levels: number,
): CodeListEntry[] {
  const codes: CodeListEntry[] = [];
  for (let level = 1; level <= levels; level++) {
    for (const [key, concept] of jobtechType(data, `${typePrefix}-${level}`)) {
      if (!key.startsWith('sun-2000-')) continue;
      const code = concept[codeField];
      if (typeof code !== 'string') throw new Error(`${key} (${typePrefix}-${level}) saknar ${codeField}.`);
      codes.push(
        entry({
          code,
          name: cleanName(concept.preferredLabel),
          nameLang: 'sv',
          parent: level === 1 ? undefined : code.slice(0, level - 1),
          level,
          conceptId: concept.conceptId,
          legacyId: concept.legacyAmsTaxonomyId,
        }),
      );
    }
  }
  return codes.sort(byCode);
}

// ---------------------------------------------------------------------------------------------
// Main

interface Output {
  readonly file: string;
  readonly list: CodeListFile;
}

async function main(): Promise<void> {
  log(`sources: ${sourceDir}`);
  log(`output: ${outDir}`);
  const ssykSource = await readSource(SSYK_CSV);
  const jobtechSource = await readSource(JOBTECH_JSON);
  const sunSource = await readSource(SUN_XLSX);
  const jobtech = JSON.parse(jobtechSource.bytes.toString('utf8')) as JobTechExport;
  const jobtechVersion = `legacy-export-sha256-${jobtechSource.sha256.slice(0, 12)}`;
  const jobtechMeta = {
    source: JOBTECH_SOURCE,
    retrieved: jobtechSource.retrieved,
    licence: JOBTECH_LICENCE,
    sourceFile: jobtechSource.file,
    sourceSha256: jobtechSource.sha256,
  };
  const jobtechVersionNote =
    'The export names no taxonomy version, so "version" is the export file\'s SHA-256 (first 12 hex digits). ' +
    'Concepts may be deprecated (replaced-by) in later taxonomy versions; the export does not say.';
  const outputs: Output[] = [];

  // SSYK 2012 -------------------------------------------------------------------------------
  const csv = parseCsv(ssykSource.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  const [header, ...rows] = csv;
  if (header?.[0] !== 'code' || header[1] !== 'name')
    throw new Error(`Oväntad rubrik i ${SSYK_CSV}: ${header}`);
  const ssykCodes = rows
    .map(([code = '', name = '']) => {
      if (!/^\d{1,4}$/.test(code)) throw new Error(`Oväntad SSYK-kod "${code}" i ${SSYK_CSV}.`);
      return entry({
        code,
        name: cleanName(name),
        nameLang: 'en',
        parent: code.length > 1 ? code.slice(0, -1) : undefined,
        level: code.length,
      });
    })
    .sort(byCode);
  const ssykLevelCounts = [1, 2, 3, 4].map((l) => ssykCodes.filter((c) => c.level === l).length);
  const ssykFields = fieldsPresent(jobtech, 'ssyk-level-4');
  outputs.push({
    file: 'ssyk-2012.json',
    list: {
      system: 'SSYK2012',
      version: '2012',
      source:
        'SCB, SSYK 2012 structure with English names (https://www.scb.se/ssyk), as republished in the public ' +
        'repository joseph-data/AI_Econ_daioe_years_v2 (https://github.com/joseph-data/AI_Econ_daioe_years_v2, ' +
        'structure_ssyk12.csv)',
      retrieved: ssykSource.retrieved,
      licence:
        'unknown — see source. The republishing repository states no licence; the classification is published by SCB.',
      sourceFile: ssykSource.file,
      sourceSha256: ssykSource.sha256,
      notes: [
        `Codes per level: ${ssykLevelCounts.join('/')} (yrkesområde/huvudgrupp/yrkesgrupp/undergrupp).`,
        "Names are SCB's English names; Swedish names are not in the source file and have not been made up.",
        'Names are trimmed and runs of white space collapsed.',
        `No JobTech concept ids: the export's ssyk-level-4 entries have only the fields ${ssykFields.join(', ')} ` +
          '(no ssyk-code-2012), and their keys are Arbetsförmedlingen legacy ids, not SSYK codes.',
      ],
      codes: ssykCodes,
    },
  });

  // SUN 2020 ----------------------------------------------------------------------------------
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(sunSource.bytes as unknown as ArrayBuffer);
  const levelSheet = workbook.getWorksheet('Nivåer, klartext');
  const fieldSheet = workbook.getWorksheet('Inriktning, klartext');
  if (!levelSheet || !fieldSheet)
    throw new Error(`${SUN_XLSX} saknar bladen "Nivåer, klartext"/"Inriktning, klartext".`);
  const sunSourceText =
    'SCB, Svensk utbildningsnomenklatur SUN 2020, code tables dated June 2019 ' +
    '(https://www.scb.se/dokumentation/klassifikationer-och-standarder/svensk-utbildningsnomenklatur-sun/), ' +
    `as republished in the ${JOBTECH_REPO}, resources/suncode-2020.xlsx; JobTech concept ids from ` +
    'resources/taxonomy-to-concept.json in the same repository';
  const sunLicence =
    'unknown — see source. The classification is published by SCB; the republishing repository states ' +
    'EPL-1.0-or-later for its contents without saying whether that covers data.';
  const sunLevels = buildSun(
    levelSheet,
    [
      { col: 1, width: 1 },
      { col: 4, width: 2 },
      { col: 7, width: 3 },
    ],
    jobtech,
    'sun-education-level',
    'SUN 2020 level',
  );
  outputs.push({
    file: 'sun-2020-level.json',
    list: {
      system: 'SUN2020-level',
      version: '2020',
      source: sunSourceText,
      retrieved: sunSource.retrieved,
      licence: sunLicence,
      sourceFile: `${sunSource.file} (blad "Nivåer, klartext"); ${jobtechSource.file}`,
      sourceSha256: sunSource.sha256,
      notes: [
        "Codes and names from SCB's table (xlsx); conceptId from the JobTech export where it has the code.",
        'The levels are the same in SUN 2000 and SUN 2020 (DOMAIN.md §3.2). The table\'s pre-2000 one-digit grouping ("SUN 2000 Nivå_Old") is left out.',
        ...sunLevels.notes,
      ],
      codes: sunLevels.codes,
    },
  });
  const sunFields = buildSun(
    fieldSheet,
    [
      { col: 1, width: 1 },
      { col: 4, width: 2 },
      { col: 7, width: 3 },
      { col: 10, width: 4 },
    ],
    jobtech,
    'sun-education-field',
    'SUN 2020 field',
  );
  outputs.push({
    file: 'sun-2020-field.json',
    list: {
      system: 'SUN2020-field',
      version: '2020',
      source: sunSourceText,
      retrieved: sunSource.retrieved,
      licence: sunLicence,
      sourceFile: `${sunSource.file} (blad "Inriktning, klartext"); ${jobtechSource.file}`,
      sourceSha256: sunSource.sha256,
      notes: [
        "Codes and names from SCB's table (xlsx); conceptId from the JobTech export where it has the code.",
        "Level 4 is SCB's four-position level (e.g. 010a, 999z) below the three-digit level.",
        ...sunFields.notes,
      ],
      codes: sunFields.codes,
    },
  });

  // SUN 2000 concepts kept apart -------------------------------------------------------------
  const sun2000Note =
    'The JobTech export\'s entries keyed "sun-2000-*": older JobTech concepts for SUN 2000, coded here by their ' +
    'concept.external-standard/…-code-2000 field. Kept apart from SUN 2020; use them only to read older data.';
  outputs.push({
    file: 'jobtech-sun-2000-level.json',
    list: {
      system: 'SUN2000-level',
      version: '2000',
      ...jobtechMeta,
      notes: [sun2000Note],
      codes: buildSun2000(
        jobtech,
        'sun-education-level',
        'concept.external-standard/sun-education-level-code-2000',
        3,
      ),
    },
  });
  outputs.push({
    file: 'jobtech-sun-2000-field.json',
    list: {
      system: 'SUN2000-field',
      version: '2000',
      ...jobtechMeta,
      notes: [sun2000Note],
      codes: buildSun2000(
        jobtech,
        'sun-education-field',
        'concept.external-standard/sun-education-field-code-2000',
        3,
      ),
    },
  });

  // JobTech-only lists ------------------------------------------------------------------------
  const conceptCode =
    "The code is the JobTech concept id; legacyId is Arbetsförmedlingen's old AMS taxonomy id.";
  const onlyFields = (type: string) =>
    `Fields in the source for ${type}: ${fieldsPresent(jobtech, type).join(', ')}.`;
  const jobtechLists: { file: string; system: string; types: string[]; notes: string[] }[] = [
    {
      file: 'jobtech-occupation-name.json',
      system: 'JobTech-occupation-name',
      types: ['occupation-name'],
      notes: [
        onlyFields('occupation-name'),
        'No SSYK-4 code: the export has no relations (broader) from occupation name to SSYK group.',
        ...duplicateNames(jobtech, 'occupation-name'),
      ],
    },
    {
      file: 'jobtech-language.json',
      system: 'JobTech-language',
      types: ['language'],
      notes: [
        onlyFields('language'),
        'No ISO 639 codes in the source (no iso6391/iso6393-like field), so the code is the concept id.',
      ],
    },
    {
      file: 'jobtech-municipality.json',
      system: 'JobTech-municipality',
      types: ['municipality'],
      notes: [
        onlyFields('municipality'),
        'No kommunkod (four-digit SCB code) in the source; legacyId 1–290 are not kommunkoder. ' +
          'Statistics keyed by kommunkod need an SCB list that is not in shared/codelists.',
      ],
    },
    {
      file: 'jobtech-unemployment-fund.json',
      system: 'JobTech-unemployment-fund',
      types: ['unemployment-fund'],
      notes: [
        onlyFields('unemployment-fund'),
        'The list includes the answer "Ej medlem i a-kassa" (not a fund).',
      ],
    },
    {
      file: 'jobtech-driving-licence.json',
      system: 'JobTech-driving-licence',
      types: ['driving-licence'],
      notes: [onlyFields('driving-licence'), 'The name is the licence category (A1, B, … and "Utökad B").'],
    },
    {
      file: 'jobtech-sni-level.json',
      system: 'JobTech-sni-level',
      types: ['sni-level-1', 'sni-level-2'],
      notes: [
        onlyFields('sni-level-1'),
        'No SNI 2007 codes (section letter, two-digit division) in the source; its keys are legacy ids. ' +
          'No parent is given because the export has no relations between the levels.',
      ],
    },
    {
      file: 'jobtech-employment-type.json',
      system: 'JobTech-employment-type',
      types: ['employment-type'],
      notes: [
        onlyFields('employment-type'),
        'DOMAIN.md §3.4 describes PFZr_Syz_cUq as "Vanlig anställning" and Jh8f_q9J_pbJ as "Sommarjobb / ' +
          'feriejobb", both deprecated; this export names the same ids differently. Check against the current ' +
          'taxonomy version before using the list.',
      ],
    },
  ];
  for (const spec of jobtechLists) {
    outputs.push({
      file: spec.file,
      list: {
        system: spec.system,
        version: jobtechVersion,
        ...jobtechMeta,
        notes: [conceptCode, ...spec.notes, jobtechVersionNote],
        codes: jobtechList(jobtech, spec.types),
      },
    });
  }

  // ISO 639 with Swedish names, only where JobTech has the name (scripts/iso-639-sv.ts) ----------
  const jobtechLanguage = outputs.find((o) => o.list.system === 'JobTech-language');
  if (!jobtechLanguage) throw new Error('JobTech-language saknas; ISO 639-listan kan inte byggas.');
  const iso = buildIso639(jobtechLanguage.list);
  outputs.push({
    file: 'iso-639-sv.json',
    list: {
      system: 'ISO639',
      version: `sv-from-${jobtechVersion}`,
      ...jobtechMeta,
      source: `ISO 639 codes (ISO 639-1, else 639-2/639-3) chosen in scripts/iso-639-sv.ts; Swedish names and conceptId from ${JOBTECH_SOURCE}`,
      notes: [
        'The code is the ISO 639 code; the name is the JobTech language label found for it, conceptId its JobTech concept.',
        'A code is included only when its Swedish name is a JobTech label, one of its "/"-separated variants, or the label without a trailing parenthesis.',
        ...iso.matchedVariant.map((m) => `${m.code}: "${m.name}" matched the JobTech label "${m.label}".`),
        `Left out, no JobTech label with that name: ${iso.unmatched.map((u) => `${u.code} (${u.name})`).join(', ')}.`,
      ],
      codes: iso.codes,
    },
  });

  // Write ------------------------------------------------------------------------------------
  await mkdir(outDir, { recursive: true });
  for (const { file, list } of outputs) {
    const text = serialize(list);
    parseCodeListFile(JSON.parse(text)); // validates shape, unique codes and parents
    await writeFile(join(outDir, file), text);
    log(`${file}: ${list.codes.length} codes`);
  }
  const index = {
    generatedBy: 'scripts/build-codelists.ts',
    files: outputs.map(({ file, list }) => ({
      file,
      system: list.system,
      version: list.version,
      count: list.codes.length,
    })),
  };
  await writeFile(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  await writeFile(join(outDir, 'README.md'), readme(outputs));
  log('done');
}

function readme(outputs: readonly Output[]): string {
  const rows = outputs.map(
    ({ file, list }) =>
      `| \`${file}\` | \`${list.system}\` | \`${list.version}\` | ${list.codes.length} | ${list.source} |`,
  );
  const details = outputs.map(({ file, list }) =>
    [
      `### \`${file}\``,
      '',
      `- Licence: ${list.licence}`,
      ...(list.notes ?? []).map((n) => `- ${n}`),
      '',
    ].join('\n'),
  );
  return `# Code lists

Generated by \`scripts/build-codelists.ts\` from the snapshots in \`../shared/codelists/\` — do not edit by
hand; change the script and run \`npx tsx scripts/build-codelists.ts\`. The application reads only these
files, never the shared folder.

Every file has the form
\`{ system, version, source, retrieved, licence, sourceFile, sourceSha256, notes, codes: [{ code, name,
nameLang, parent?, level?, conceptId?, legacyId? }] }\` (TypeScript type \`CodeListFile\` in
\`src/domain/codelists.ts\`). Store \`system\` and \`version\` beside every code a record uses.

- \`retrieved\` is the date the snapshot file was placed in \`shared/codelists\` (its modification date):
  the original download date is not recorded. Override with \`INSATS_CODELISTS_RETRIEVED\`.
- Lists whose \`system\` starts with \`JobTech-\` have no official codes in the source; their \`code\` is the
  JobTech concept id. \`legacyId\` is Arbetsförmedlingen's old AMS taxonomy id, not an official code.
- The JobTech export names no taxonomy version, so their \`version\` is the export's SHA-256 prefix.
- \`index.json\` lists the files with system, version and number of codes.

| file | system | version | codes | source |
|---|---|---|---|---|
${rows.join('\n')}

## Notes per file

${details.join('\n')}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
