/**
 * `npm run bench -- pdf [--sections N] [--out file.pdf]`: a follow-up report PDF of at least 50 pages, rendered through
 * the export the web app offers (`GET /api/reports/follow-up/export?format=pdf`: refresh of stale
 * outcome rows, the report's reads, the tagged PDF from src/exports/pdf.ts, the audit event), in
 * process on an in-memory PGlite with the demo municipality.
 *
 * The length comes from what users may write: N free-text sections (default 10, at most 12) of the maximum
 * 20,000 characters each, Swedish prose in paragraphs, saved through `PUT /api/reports/texts`. The
 * page count is read from the produced file with `pdfinfo` (poppler-utils), or counted from its page
 * objects when pdfinfo is missing, and the run fails below 50 pages so the figure stays honest.
 * Timed: the first export in the process (fonts loaded, code paths compiled) and the median of five
 * warm exports. Target (issue 7): under 5 s. Writes bench/results/pdf.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSeededRng } from '../src/domain/personnummer.ts';
import { peakRssMB, writeResult } from './lib.ts';
import { benchApp, round } from './participants-lib.ts';

const MIN_PAGES = 50;
const TARGET_SECONDS = 5;
const REFERENCE_DATE = '2026-03-01';
const MAX_TEXT = 20_000;
/** Section names as an analyst would write them (the API allows a–z and _). */
const SECTIONS = [
  'bakgrund',
  'malgrupp',
  'genomforande',
  'handledning',
  'samverkan',
  'deltagarnas_erfarenheter',
  'resultat',
  'avvikelser',
  'kostnader',
  'lardomar',
  'fortsattning',
  'slutsatser',
];

const SUBJECTS = [
  'Deltagarna',
  'Handläggarna',
  'Arbetsplatserna',
  'Handledarna',
  'Enheten',
  'Insatsen',
  'Kommunen',
  'Samverkan med Arbetsförmedlingen',
];
const VERBS = ['har under perioden', 'har fortsatt att', 'har i högre grad än väntat', 'behöver framöver'];
const OBJECTS = [
  'utvecklat rutiner för kartläggning och uppföljning av varje deltagares handlingsplan',
  'erbjudit språkstöd på arbetsplatsen, även för deltagare som talar arabiska, somaliska eller tigrinja',
  'följt upp närvaron varje vecka och tagit kontakt med deltagare som uteblivit',
  'ordnat praktik inom äldreomsorg, lokalvård, förskola och lager med handledare på plats',
  'samverkat med vuxenutbildningen om yrkesutbildning och studier på grundläggande nivå',
  'mött svårigheter att hitta platser med handledare som har tid för introduktion',
  'minskat väntetiden mellan anvisning och start till omkring tre veckor',
];

/** Deterministic Swedish prose of exactly `length` characters, in paragraphs of four to seven sentences. */
export function syntheticReportText(length: number, seed: number): string {
  const rng = createSeededRng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  const paragraphs: string[] = [];
  let size = 0;
  while (size < length) {
    const sentences = Array.from(
      { length: 4 + Math.floor(rng() * 4) },
      () => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}.`,
    );
    const p = sentences.join(' ');
    paragraphs.push(p);
    size += p.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, length);
}

/** Pages of a PDF: pdfinfo when poppler-utils is installed, else its page objects counted. */
export function countPages(pdf: Uint8Array): { pages: number; method: 'pdfinfo' | 'page objects' } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insats-bench-pdf-'));
  try {
    const file = path.join(dir, 'rapport.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    if (!m) throw new Error(`pdfinfo gave no page count:\n${info}`);
    return { pages: Number(m[1]), method: 'pdfinfo' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const raw = Buffer.from(pdf).toString('latin1');
    return { pages: (raw.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length, method: 'page objects' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const i = args.indexOf('--sections');
  const sections = i >= 0 ? Number(args[i + 1]) : 10;
  if (!(sections >= 1 && sections <= SECTIONS.length)) throw new Error(`--sections: 1–${SECTIONS.length}`);
  const b = await benchApp({ bodyLimitBytes: 1024 * 1024 });
  try {
    const chef = await b.login('enhetschef');
    const analytiker = await b.login('analytiker');
    const created = await b.send(chef, 'POST', '/api/programmes', {
      code: 'pdfbench',
      name: 'Arbetsträning med handledare',
      kind: 'aktivitet',
      unitId: await b.unitId('Jobbcentrum'),
      phases: [],
    });
    if (created.status !== 201) throw new Error(`programme: ${created.status} ${await created.text()}`);
    const programme = (await created.json()) as { id: string };
    for (let s = 0; s < sections; s++) {
      const res = await b.send(analytiker, 'PUT', '/api/reports/texts', {
        reportKind: 'uppfoljning',
        programmeId: programme.id,
        referenceDate: REFERENCE_DATE,
        section: SECTIONS[s],
        body: syntheticReportText(MAX_TEXT, 7000 + s),
      });
      if (res.status !== 204) throw new Error(`text ${s}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    }
    const url = `/api/reports/follow-up/export?programmeId=${programme.id}&referenceDate=${REFERENCE_DATE}&format=pdf`;
    const exportPdf = async () => {
      const t0 = performance.now();
      const res = await b.app.request(url, { headers: { cookie: analytiker.cookie } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      const seconds = (performance.now() - t0) / 1000;
      if (res.status !== 200) throw new Error(`export: ${res.status} ${new TextDecoder().decode(bytes)}`);
      return { bytes, seconds };
    };
    const first = await exportPdf();
    const warm: number[] = [];
    for (let k = 0; k < 5; k++) warm.push((await exportPdf()).seconds);
    warm.sort((x, y) => x - y);
    const o = args.indexOf('--out');
    if (o >= 0) writeFileSync(args[o + 1]!, first.bytes);
    const { pages, method } = countPages(first.bytes);
    if (pages < MIN_PAGES) throw new Error(`only ${pages} pages (need ${MIN_PAGES}): raise --sections`);
    const out = {
      pages,
      pagesCountedWith: method,
      sections,
      textCharacters: sections * MAX_TEXT,
      bytes: first.bytes.length,
      firstSeconds: round(first.seconds, 3),
      warmSeconds: round(warm[2]!, 3),
      warmMaxSeconds: round(warm.at(-1)!, 3),
      targetSeconds: TARGET_SECONDS,
      withinTarget: first.seconds < TARGET_SECONDS,
      withinTargetWarm: warm[2]! < TARGET_SECONDS,
      peakRssMB: peakRssMB(),
      loadAverage: round(os.loadavg()[0]!, 2),
      timestamp: new Date().toISOString(),
    };
    console.log(
      `[bench:pdf] follow-up report, ${sections} sections of ${MAX_TEXT} characters: ${pages} pages ` +
        `(${method}), ${Math.round(out.bytes / 1024)} KiB; export end to end ${out.firstSeconds} s first, ` +
        `${out.warmSeconds} s warm (median of 5; target < ${TARGET_SECONDS} s)`,
    );
    console.log(`[bench:pdf] wrote ${writeResult('pdf', out)}`);
  } finally {
    await b.close();
  }
}
