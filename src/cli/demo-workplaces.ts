import type { Ctx } from '../context.ts';
import { luhnCheckDigit } from '../domain/luhn.ts';
import { createSeededRng } from '../domain/personnummer.ts';
import { loadActor } from '../features/auth/sessions.ts';
import { importWorkplaces } from '../features/workplaces/create-workplace.ts';
import type { CreateWorkplaceInput, WorkplaceKind } from '../features/workplaces/schema.ts';

/**
 * ~30 demo workplaces for "Exempelby kommun" with supervisors, agreements, slots and a compliance
 * check, registered through the workplace import use case (validation and its audit event) by the
 * demo jobbmäklare, whose job it is. Deterministic: a fixed seed, fixed names and dates. Company
 * numbers are synthetic (valid check digit) and may coincide with real companies: demo only.
 */

interface Sector {
  label: string;
  sni: string;
  ssyk: string[];
  units: string[];
}

const MUNICIPAL: Sector[] = [
  {
    label: 'vard-omsorg',
    sni: '87',
    ssyk: ['5321', '5330'],
    units: ['Ängsgårdens äldreboende', 'Hemtjänst Norr', 'Solrosens vårdboende', 'Hemtjänst Söder'],
  },
  {
    label: 'skola',
    sni: '85',
    ssyk: ['5312', '5311'],
    units: ['Björkskolan', 'Förskolan Lärkan', 'Östra skolan', 'Förskolan Igelkotten'],
  },
  { label: 'maltid', sni: '56', ssyk: ['5120', '9412'], units: ['Centralköket', 'Skolrestaurangen Björken'] },
  { label: 'lokalvard', sni: '81', ssyk: ['9111'], units: ['Lokalvården Exempelby', 'Fastighetsservice'] },
  { label: 'park', sni: '81', ssyk: ['6113'], units: ['Park och natur', 'Kyrkogårdsförvaltningen'] },
  { label: 'fritid', sni: '93', ssyk: ['3423'], units: ['Fritidsgården Navet', 'Simhallen'] },
];

const COMPANIES: { name: string; kind: WorkplaceKind; label: string; sni: string; ssyk: string[] }[] = [
  { name: 'Exempelby Bygg AB', kind: 'foretag', label: 'bygg', sni: '43', ssyk: ['7112'] },
  { name: 'Lagerhuset i Exempelby AB', kind: 'foretag', label: 'lager', sni: '52', ssyk: ['8344', '4321'] },
  { name: 'Åkeriet Norr AB', kind: 'foretag', label: 'transport', sni: '49', ssyk: ['8332'] },
  { name: 'Matbutiken Centrum AB', kind: 'foretag', label: 'handel', sni: '47', ssyk: ['5222'] },
  { name: 'Bilverkstaden Söder AB', kind: 'foretag', label: 'fordon', sni: '45', ssyk: ['7231'] },
  { name: 'Restaurang Älven AB', kind: 'foretag', label: 'restaurang', sni: '56', ssyk: ['5131', '9412'] },
  { name: 'Städbolaget Glans AB', kind: 'foretag', label: 'lokalvard', sni: '81', ssyk: ['9111'] },
  { name: 'Elektrikerna i Exempelby AB', kind: 'foretag', label: 'el', sni: '43', ssyk: ['7411'] },
  { name: 'Trädgårdshandeln Grönt AB', kind: 'foretag', label: 'handel', sni: '47', ssyk: ['6112', '5223'] },
  { name: 'Omsorgsföretaget Trygg AB', kind: 'foretag', label: 'vard-omsorg', sni: '88', ssyk: ['5342'] },
  { name: 'IK Exempelby', kind: 'forening', label: 'fritid', sni: '93', ssyk: ['3423'] },
  { name: 'Second hand-föreningen Återbruket', kind: 'forening', label: 'handel', sni: '47', ssyk: ['5223'] },
  { name: 'Bemanning Direkt AB', kind: 'bemanningsforetag', label: 'bemanning', sni: '78', ssyk: ['9629'] },
  {
    name: 'Personalpoolen AB',
    kind: 'bemanningsforetag',
    label: 'bemanning',
    sni: '78',
    ssyk: ['9111', '8344'],
  },
];

const SUPERVISOR_FIRST = [
  'Karin',
  'Mats',
  'Leila',
  'Per',
  'Sofia',
  'Ahmed',
  'Birgitta',
  'Jonas',
  'Elsa',
  'Tomas',
];
const SUPERVISOR_LAST = [
  'Berg',
  'Lund',
  'Holm',
  'Strand',
  'Ek',
  'Sjöberg',
  'Nyström',
  'Falk',
  'Dahl',
  'Lindqvist',
];

/** Synthetic organisationsnummer: a legal-entity prefix (third digit ≥ 2) and a Luhn check digit. */
function orgnr(prefix: string, serial: number): string {
  const nine = `${prefix}${String(serial).padStart(9 - prefix.length, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

export function demoWorkplaceInputs(): CreateWorkplaceInput[] {
  const rng = createSeededRng(20260302);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const supervisor = (domain: string) => {
    const first = pick(SUPERVISOR_FIRST);
    const last = pick(SUPERVISOR_LAST);
    const ascii = `${first}.${last}`.toLowerCase().replace(/[åä]/g, 'a').replace(/ö/g, 'o');
    return {
      name: `${first} ${last}`,
      title: 'Handledare',
      phone: `070-${100 + Math.floor(rng() * 900)} ${10 + Math.floor(rng() * 90)} ${10 + Math.floor(rng() * 90)}`,
      email: `${ascii}@${domain}.example`,
    };
  };
  const slots = (ssyk: string[]) => [
    {
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      places: 1 + Math.floor(rng() * 4),
      ssykCode: ssyk[0]!,
    },
    {
      periodFrom: '2026-08-15',
      periodTo: '2026-12-31',
      places: 1 + Math.floor(rng() * 4),
      ssykCode: ssyk[0]!,
    },
  ];
  const check = (children: boolean) => ({
    checkedOn: '2026-01-20',
    collectiveAgreement: true,
    criminalRecordExtractRequired: children,
    minorsRulesAcknowledged: true,
    riskAssessmentOn: '2026-01-15',
  });
  const out: CreateWorkplaceInput[] = [];
  for (const sector of MUNICIPAL) {
    for (const name of sector.units) {
      out.push({
        kind: 'kommunal',
        name,
        sector: sector.label,
        sniCode: sector.sni,
        city: 'Exempelby',
        area: pick(['Centrum', 'Norr', 'Söder', 'Väster']),
        occupations: sector.ssyk,
        supervisors: [supervisor('exempelby.kommun')],
        agreements: [{ type: 'samverkansavtal', validFrom: '2025-01-01', validTo: null }],
        slots: slots(sector.ssyk),
        complianceCheck: check(sector.label === 'skola' || sector.label === 'fritid'),
      });
    }
  }
  COMPANIES.forEach((c, i) => {
    const prefix = c.kind === 'forening' ? '802' : '559';
    out.push({
      kind: c.kind,
      name: c.name,
      organisationsnummer: orgnr(prefix, 100 + i * 37),
      sector: c.label,
      sniCode: c.sni,
      streetAddress: `Industrigatan ${i + 1}`,
      postalCode: '123 45',
      city: 'Exempelby',
      area: pick(['Centrum', 'Norr', 'Söder', 'Väster']),
      occupations: c.ssyk,
      supervisors: [supervisor(`foretag${i + 1}`), ...(i % 3 === 0 ? [supervisor(`foretag${i + 1}`)] : [])],
      agreements: [
        { type: 'praktikavtal', validFrom: '2025-07-01', validTo: '2025-12-31' },
        {
          type: c.kind === 'foretag' ? 'anstallningsavtal' : 'praktikavtal',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        },
      ],
      slots: slots(c.ssyk),
      complianceCheck: check(c.kind === 'forening'),
    });
  });
  return out;
}

/** Registers the demo workplaces as the demo jobbmäklare. Returns how many were created. */
export async function loadDemoWorkplaces(
  ctx: Ctx,
  opts: { organisationId: string; userIds: Map<string, string> },
): Promise<number> {
  const actor = await loadActor(ctx.db, opts.organisationId, opts.userIds.get('jobbmaklare')!, null);
  if (!actor) throw new Error('Demoanvändaren jobbmaklare saknas.');
  const grant = actor.roles.find((r) => r.role === 'jobbmaklare')!;
  const asBroker: Ctx = { ...ctx, actor };
  const { ids } = await importWorkplaces(asBroker, grant, demoWorkplaceInputs());
  return ids.length;
}
