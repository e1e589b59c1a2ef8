import { randomUUID } from 'node:crypto';
import type { Actor, Ctx, Role } from '../context.ts';
import { addDays, addMonths, swedishDate } from '../domain/dates.ts';
import { luhnCheckDigit } from '../domain/luhn.ts';
import { createSeededRng, type Rng, syntheticPersonnummer } from '../domain/personnummer.ts';
import { type EligibilityRules, evaluateEligibility, plannedEnd } from '../domain/programme-rules.ts';
import { createUser } from '../features/admin/create-user.ts';
import { type AuditInput, recordAuditMany } from '../features/audit/record-event.ts';
import { loadActor } from '../features/auth/sessions.ts';
import { changeProtection } from '../features/participants/change-protection.ts';
import { personCodeLists } from '../features/participants/code-lists.ts';
import { checkCodes, nameColumns, occupationRows } from '../features/participants/person-fields.ts';
import {
  analyzePersons,
  bulkInsertLanguages,
  bulkInsertOccupations,
  bulkInsertPersons,
  type NewPerson,
} from '../features/participants/repo.ts';
import { type RegisterInput, registerSchema } from '../features/participants/schema.ts';
import { createIntake } from '../features/programmes/create-intake.ts';
import { createProgramme } from '../features/programmes/create-programme.ts';
import type { CreateProgrammeInput } from '../features/programmes/schema.ts';
import { importWorkplaces } from '../features/workplaces/create-workplace.ts';
import type { CreateWorkplaceInput, WorkplaceKind } from '../features/workplaces/schema.ts';
import { DEMO_USERS, demoPassword } from './demo.ts';
import {
  analyzeDemoTables,
  insertChunked,
  personnummerList,
  updatePersonsHousehold,
  workplacesWithSupervisors,
} from './demo-bulk-repo.ts';
import {
  demoAssistanceMonths,
  FIRST_NAMES_K,
  FIRST_NAMES_M,
  LAST_NAMES,
  AKASSOR as SMALL_AKASSOR,
  SSYK as SMALL_SSYK,
  STREETS as SMALL_STREETS,
  systemActor,
} from './demo-participants.ts';
import { loadDemoSummerSeason } from './demo-summer.ts';

/**
 * The full demo municipality (issue 10.1): on top of the small demo (units, one user per role, ~40
 * participants, ~30 workplaces), about 100,000 inhabitants' worth of labour-market activity:
 * - more users of every role, per unit;
 * - the seed programmes as data, through the programme use cases (Trainee with an annual cap of 150,
 *   Servicetrainee, Kompetenscenter, Jobbspår with tracks, arbetsträning, praktik, extratjänst);
 * - ~170 more workplaces with supervisors, agreements and slots, through the workplace import;
 * - ~1,460 more participants with households, languages, SUN and SSYK codes, and three years of
 *   history (referrals, plans, enrolments with phases, placements, exits and follow-ups) relative to
 *   the clock, written in batches (demo-bulk-repo.ts) with one audit event per person-touching row;
 * - a few more protected persons (both grades), set through the protection use case.
 * Deterministic from the seed for a given clock date (ids are random; numbers, names and dates are not).
 *
 * - a summer-jobs season for the coming summer (demo-summer.ts): periods, places at ~60 workplaces,
 *   ~400 applications through the e-service's use case, one optimal and one lottery run (unpublished).
 */

/** The fictive demo municipality's kommunkod for summer-job residence (any four digits are accepted). */
const DEMO_SUMMER_MUNICIPALITY = '0000';

export const FULL_DEMO_SEED = 20261123;

/** Extra demo users in the full demo, one or more per unit; same password rule as the small demo. */
export const FULL_DEMO_EXTRA_USERS: { username: string; displayName: string; role: Role; unitKey: string }[] =
  [
    {
      username: 'handlaggare2',
      displayName: 'Hamid Handläggare',
      role: 'handlaggare',
      unitKey: 'jobbcentrum',
    },
    {
      username: 'handlaggare3',
      displayName: 'Helena Handläggare',
      role: 'handlaggare',
      unitKey: 'jobbcentrum',
    },
    { username: 'coach-norr', displayName: 'Nadia Jobbcoach', role: 'handlaggare', unitKey: 'kc-norr' },
    { username: 'coach-soder', displayName: 'Sven Jobbcoach', role: 'handlaggare', unitKey: 'kc-soder' },
    { username: 'maklare-norr', displayName: 'Maja Jobbmäklare', role: 'jobbmaklare', unitKey: 'kc-norr' },
    {
      username: 'maklare-soder',
      displayName: 'Mikael Jobbmäklare',
      role: 'jobbmaklare',
      unitKey: 'kc-soder',
    },
    {
      username: 'syv-soder',
      displayName: 'Samir Studievägledare',
      role: 'studie_yrkesvagledare',
      unitKey: 'kc-soder',
    },
    { username: 'chef-norr', displayName: 'Karin Enhetschef', role: 'enhetschef', unitKey: 'kc-norr' },
    { username: 'chef-soder', displayName: 'Kerstin Enhetschef', role: 'enhetschef', unitKey: 'kc-soder' },
    {
      username: 'chef-vux',
      displayName: 'Viktor Enhetschef',
      role: 'enhetschef',
      unitKey: 'vuxenutbildning',
    },
    {
      username: 'handlaggare-vux',
      displayName: 'Vera Handläggare',
      role: 'handlaggare',
      unitKey: 'vuxenutbildning',
    },
  ];

/** How many persons the full demo adds per unit (the small demo's ~40 come on top). */
const PERSONS_PER_UNIT: { unit: string; count: number; caseWorkers: string[] }[] = [
  { unit: 'jobbcentrum', count: 880, caseWorkers: ['handlaggare', 'handlaggare2', 'handlaggare3'] },
  { unit: 'kc-norr', count: 230, caseWorkers: ['coach-norr'] },
  { unit: 'kc-soder', count: 210, caseWorkers: ['coach-soder'] },
  { unit: 'vuxenutbildning', count: 140, caseWorkers: ['handlaggare-vux', 'syv'] },
];

type ProgrammeCode =
  | 'trainee'
  | 'servicetrainee'
  | 'kompetenscenter'
  | 'jobbspar'
  | 'arbetstraning'
  | 'praktik'
  | 'extratjanst';

interface ProgrammeSeed {
  unitKey: string;
  input: Omit<CreateProgrammeInput, 'unitId'>;
  /** Typical share of the planned length actually spent, for those who do not leave early. */
  placement: 'none' | 'work' | 'praktik';
  subsidy?: 'nystartsjobb' | 'introduktionsjobb' | 'extratjanst';
}

const JOBBSPAR_TRACKS = [
  { code: 'restaurang', name: 'Restaurang och storkök', ssykCodes: ['5120', '9412'] },
  { code: 'vard-omsorg', name: 'Vård och omsorg', ssykCodes: ['5321', '5330'] },
  { code: 'barnskotare-elevassistent', name: 'Barnskötare/elevassistent', ssykCodes: ['5311', '5312'] },
  { code: 'industri', name: 'Industri', ssykCodes: ['7233'] },
  { code: 'handel', name: 'Handel', ssykCodes: ['5223'] },
  { code: 'lokalvard', name: 'Lokalvård', ssykCodes: ['9111'] },
  { code: 'plastoperator', name: 'Plastoperatör', ssykCodes: ['8142'] },
];

export function seedProgrammes(validFrom: string): Record<ProgrammeCode, ProgrammeSeed> {
  return {
    trainee: {
      unitKey: 'jobbcentrum',
      placement: 'work',
      subsidy: 'introduktionsjobb',
      input: {
        code: 'trainee',
        name: 'Trainee',
        kind: 'anstallning',
        maxLengthMonths: null,
        capacityMode: 'annual',
        capacities: [{ validFrom, places: 150 }],
        phases: [
          { code: 'introduktion', name: 'Introduktion', weeks: 4 },
          { code: 'anstallning', name: 'Anställning', months: 12 },
          { code: 'slutfas', name: 'Slutfas mot arbete eller studier', weeks: 8 },
        ],
        tracks: [],
        eligibility: {
          minAge: 18,
          maxAge: 64,
          incomeSources: ['forsorjningsstod', 'aktivitetsstod', 'ingen'],
        },
        priorityGroups: ['langvarigt_bistand'],
        followUpMonths: [6, 12, 18],
        responsibleCommittee: 'Arbetsmarknads- och vuxenutbildningsnämnden',
        description: 'Ettåriga anställningar i kommunens verksamheter, med introduktion och slutfas.',
      },
    },
    servicetrainee: {
      unitKey: 'jobbcentrum',
      placement: 'work',
      subsidy: 'nystartsjobb',
      input: {
        code: 'servicetrainee',
        name: 'Servicetrainee',
        kind: 'anstallning',
        maxLengthMonths: 12,
        capacityMode: 'concurrent',
        capacities: [{ validFrom, places: 30 }],
        phases: [{ code: 'anstallning', name: 'Anställning', months: 12 }],
        tracks: [],
        eligibility: { incomeSources: ['forsorjningsstod'], speaksOneOf: ['ar', 'so', 'ti', 'fa', 'prs'] },
        priorityGroups: ['barnfamilj'],
        followUpMonths: [6, 12],
        responsibleCommittee: 'Arbetsmarknads- och vuxenutbildningsnämnden',
        description: 'Ettåriga anställningar inom vård och omsorg, skola och skolmåltider.',
      },
    },
    kompetenscenter: {
      unitKey: 'kc-norr',
      placement: 'praktik',
      input: {
        code: 'kompetenscenter',
        name: 'Kompetenscenter',
        kind: 'aktivitet',
        maxLengthMonths: 18,
        capacityMode: null,
        capacities: [],
        phases: [
          { code: 'kartlaggning', name: 'Kartläggning', weeks: 6 },
          { code: 'insatser', name: 'Insatser och matchning' },
        ],
        tracks: [],
        eligibility: { incomeSources: ['forsorjningsstod'] },
        priorityGroups: [],
        followUpMonths: [6, 12, 18],
        responsibleCommittee: 'Arbetsmarknads- och vuxenutbildningsnämnden',
        description: 'Uppdrag från socialtjänsten, multiprofessionella team, högst 18 månader.',
      },
    },
    jobbspar: {
      unitKey: 'vuxenutbildning',
      placement: 'praktik',
      input: {
        code: 'jobbspar',
        name: 'Jobbspår',
        kind: 'utbildning',
        maxLengthMonths: 9,
        capacityMode: null,
        capacities: [],
        phases: [
          { code: 'utbildning', name: 'Yrkesutbildning', weeks: 16 },
          { code: 'praktik', name: 'Praktik', weeks: 8 },
        ],
        tracks: JOBBSPAR_TRACKS,
        eligibility: { minAge: 18 },
        priorityGroups: [],
        followUpMonths: [6, 12],
        description: 'Kort yrkesutbildning med praktik mot ett yrke.',
      },
    },
    arbetstraning: {
      unitKey: 'jobbcentrum',
      placement: 'praktik',
      input: {
        code: 'arbetstraning',
        name: 'Arbetsträning',
        kind: 'aktivitet',
        maxLengthMonths: 12,
        capacityMode: null,
        capacities: [],
        phases: [],
        tracks: [],
        eligibility: {},
        priorityGroups: [],
        followUpMonths: [6, 12],
      },
    },
    praktik: {
      unitKey: 'jobbcentrum',
      placement: 'praktik',
      input: {
        code: 'praktik',
        name: 'Praktik',
        kind: 'aktivitet',
        maxLengthMonths: 6,
        capacityMode: null,
        capacities: [],
        phases: [],
        tracks: [],
        eligibility: {},
        priorityGroups: [],
        followUpMonths: [6, 12],
      },
    },
    extratjanst: {
      unitKey: 'jobbcentrum',
      placement: 'work',
      subsidy: 'extratjanst',
      input: {
        code: 'extratjanst',
        name: 'Extratjänst',
        kind: 'anstallning',
        maxLengthMonths: 24,
        capacityMode: 'concurrent',
        capacities: [{ validFrom, places: 60 }],
        phases: [],
        tracks: [],
        eligibility: { minAge: 18, maxAge: 64 },
        priorityGroups: [],
        followUpMonths: [6, 12],
        description: 'Statligt finansierade anställningar, främst i skola och omsorg.',
      },
    },
  };
}

// ---- Names and code lists ----------------------------------------------------------------------

const FIRST_K = [
  ...FIRST_NAMES_K,
  'Hanna',
  'Khadija',
  'Emma',
  'Samira',
  'Ifrah',
  'Shirin',
  'Helen',
  'Yasmin',
  'Karin',
  'Maryam',
  'Filippa',
  'Asli',
  'Mona',
  'Rahel',
  'Ewa',
  'Agnieszka',
  'Sabina',
];
const FIRST_M = [
  ...FIRST_NAMES_M,
  'Mustafa',
  'Anders',
  'Mahmoud',
  'Lars',
  'Reza',
  'Filip',
  'Abdirahman',
  'Tesfay',
  'Mehmet',
  'Peter',
  'Hussein',
  'Daniel',
  'Amir',
  'Piotr',
  'Emir',
  'Kevin',
];
const LAST = [
  ...LAST_NAMES,
  'Jonsson',
  'Hosseini',
  'Warsame',
  'Kebede',
  'Nowak',
  'Hodžić',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Rezaei',
  'Osman',
  'Demir',
];
/** Mother tongue (first language) weights: Swedish-only about a third. */
const MOTHER_TONGUES: [string, number][] = [
  ['sv', 34],
  ['ar', 20],
  ['so', 12],
  ['ti', 7],
  ['fa', 6],
  ['prs', 4],
  ['en', 3],
  ['ku', 3],
  ['am', 2],
  ['pl', 2],
  ['bs', 2],
  ['tr', 2],
  ['es', 1],
  ['fi', 2],
];
const SUN: [string, number][] = [
  ['106', 12],
  ['206', 22],
  ['310', 10],
  ['317', 12],
  ['327', 10],
  ['337', 14],
  ['410', 6],
  ['415', 5],
  ['535', 5],
  ['536', 4],
];
const SSYK = [...SMALL_SSYK, '5311', '5312', '5222', '8344', '4321', '6112', '6113', '5342', '7231', '9629'];
const STREETS = [
  ...SMALL_STREETS,
  'Tallvägen',
  'Lärkgatan',
  'Norra vägen',
  'Södra allén',
  'Hamngatan',
  'Stationsgatan',
];
const AKASSOR = SMALL_AKASSOR;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
function weighted<T>(rng: Rng, xs: readonly [T, number][]): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [x, w] of xs) {
    r -= w;
    if (r < 0) return x;
  }
  return xs[xs.length - 1]![0];
}
const pad = (n: number) => String(n).padStart(2, '0');
const minDate = (a: string, b: string) => (a < b ? a : b);

// ---- Workplaces ----------------------------------------------------------------------------------

const MUNICIPAL_KINDS: { label: string; sni: string; ssyk: string[]; names: string[] }[] = [
  {
    label: 'vard-omsorg',
    sni: '87',
    ssyk: ['5321', '5330'],
    names: ['äldreboende', 'vårdboende', 'hemtjänstgrupp', 'LSS-boende', 'korttidsboende'],
  },
  { label: 'skola', sni: '85', ssyk: ['5312', '5311'], names: ['skolan', 'förskolan', 'fritidshemmet'] },
  { label: 'maltid', sni: '56', ssyk: ['5120', '9412'], names: ['skolrestaurangen', 'tillagningsköket'] },
  { label: 'lokalvard', sni: '81', ssyk: ['9111'], names: ['lokalvårdsgruppen'] },
  { label: 'park', sni: '81', ssyk: ['6113'], names: ['parkdriften', 'naturvårdslaget'] },
  { label: 'fritid', sni: '93', ssyk: ['3423'], names: ['fritidsgården', 'idrottshallen'] },
];
const PLACES = [
  'Ängen',
  'Björken',
  'Eken',
  'Linden',
  'Solbacken',
  'Tallåsen',
  'Västergården',
  'Österbo',
  'Norrtull',
  'Söderkulla',
  'Åsen',
  'Lärkan',
  'Rosen',
  'Granen',
  'Hagen',
  'Bäcken',
  'Kullen',
  'Sjöviken',
];
const BUSINESS: { label: string; sni: string; ssyk: string[]; kind: WorkplaceKind; names: string[] }[] = [
  {
    label: 'restaurang',
    sni: '56',
    ssyk: ['5131', '9412'],
    kind: 'foretag',
    names: ['Restaurang', 'Café', 'Pizzeria', 'Bistro'],
  },
  {
    label: 'handel',
    sni: '47',
    ssyk: ['5223', '5222'],
    kind: 'foretag',
    names: ['Livs', 'Järnhandel', 'Butik', 'Handelsbod'],
  },
  {
    label: 'lager',
    sni: '52',
    ssyk: ['8344', '4321'],
    kind: 'foretag',
    names: ['Lager', 'Logistik', 'Terminal'],
  },
  {
    label: 'industri',
    sni: '22',
    ssyk: ['8142', '7233'],
    kind: 'foretag',
    names: ['Plast', 'Mekaniska', 'Industri'],
  },
  { label: 'bygg', sni: '43', ssyk: ['7112', '7411'], kind: 'foretag', names: ['Bygg', 'Måleri', 'El'] },
  { label: 'lokalvard', sni: '81', ssyk: ['9111'], kind: 'foretag', names: ['Städ', 'Fastighetsservice'] },
  { label: 'transport', sni: '49', ssyk: ['8332'], kind: 'foretag', names: ['Åkeri', 'Transport'] },
  {
    label: 'vard-omsorg',
    sni: '88',
    ssyk: ['5342', '5321'],
    kind: 'foretag',
    names: ['Omsorg', 'Assistans'],
  },
  { label: 'fritid', sni: '93', ssyk: ['3423'], kind: 'forening', names: ['IF', 'Bollklubb', 'Scoutkår'] },
  { label: 'handel', sni: '47', ssyk: ['5223'], kind: 'forening', names: ['Second hand', 'Återbruk'] },
  { label: 'bemanning', sni: '78', ssyk: ['9629', '9111'], kind: 'bemanningsforetag', names: ['Bemanning'] },
];
const SUP_FIRST = [
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
  'Aida',
  'Göran',
  'Lena',
  'Hussein',
];
const SUP_LAST = [
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
  'Wikström',
  'Forsberg',
];

function orgnr(prefix: string, serial: number): string {
  const nine = `${prefix}${String(serial).padStart(9 - prefix.length, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

/** ~170 workplaces on top of the small demo's 30: municipal units and local businesses. */
export function fullDemoWorkplaceInputs(rng: Rng, today: string): CreateWorkplaceInput[] {
  const year = Number(today.slice(0, 4));
  const ascii = (s: string) =>
    s
      .toLowerCase()
      .replace(/[åä]/g, 'a')
      .replace(/ö/g, 'o')
      .replace(/[^a-z.]/g, '');
  const supervisor = (domain: string) => {
    const first = pick(rng, SUP_FIRST);
    const last = pick(rng, SUP_LAST);
    return {
      name: `${first} ${last}`,
      title: 'Handledare',
      phone: `070-${100 + Math.floor(rng() * 900)} ${10 + Math.floor(rng() * 90)} ${10 + Math.floor(rng() * 90)}`,
      email: `${ascii(`${first}.${last}`)}@${domain}.example`,
    };
  };
  const slots = (ssyk: string[]) =>
    [year - 1, year].flatMap((y) => [
      {
        periodFrom: `${y}-01-01`,
        periodTo: `${y}-06-30`,
        places: 1 + Math.floor(rng() * 4),
        ssykCode: ssyk[0]!,
      },
      {
        periodFrom: `${y}-08-15`,
        periodTo: `${y}-12-31`,
        places: 1 + Math.floor(rng() * 4),
        ssykCode: ssyk[0]!,
      },
    ]);
  const check = (children: boolean) => ({
    checkedOn: `${year}-01-20`,
    collectiveAgreement: true,
    criminalRecordExtractRequired: children,
    minorsRulesAcknowledged: true,
    riskAssessmentOn: `${year}-01-15`,
  });
  const out: CreateWorkplaceInput[] = [];
  const seen = new Set<string>();
  // Municipal units: 80.
  while (out.length < 80) {
    const k = pick(rng, MUNICIPAL_KINDS);
    const name = `${pick(rng, PLACES)}${pick(rng, k.names).startsWith('LSS') ? 's ' : ' '}${pick(rng, k.names)}`;
    const full = name.charAt(0).toUpperCase() + name.slice(1);
    if (seen.has(full)) continue;
    seen.add(full);
    out.push({
      kind: 'kommunal',
      name: full,
      sector: k.label,
      sniCode: k.sni,
      city: 'Exempelby',
      area: pick(rng, ['Centrum', 'Norr', 'Söder', 'Väster', 'Öster']),
      occupations: k.ssyk,
      supervisors: [supervisor('exempelby.kommun'), ...(rng() < 0.3 ? [supervisor('exempelby.kommun')] : [])],
      agreements: [{ type: 'samverkansavtal', validFrom: `${year - 3}-01-01`, validTo: null }],
      slots: slots(k.ssyk),
      complianceCheck: check(k.label === 'skola' || k.label === 'fritid'),
    });
  }
  // Businesses and associations: 90.
  let serial = 0;
  while (out.length < 170) {
    const b = pick(rng, BUSINESS);
    const base = `${pick(rng, PLACES)}s ${pick(rng, b.names)}`;
    const name = b.kind === 'forening' ? base : `${base} AB`;
    if (seen.has(name)) continue;
    seen.add(name);
    serial++;
    const domain = `ftg${serial}`;
    out.push({
      kind: b.kind,
      name,
      organisationsnummer: orgnr(b.kind === 'forening' ? '802' : '559', 5000 + serial * 53),
      sector: b.label,
      sniCode: b.sni,
      streetAddress: `${pick(rng, ['Industrigatan', 'Verkstadsvägen', 'Torget', 'Handelsvägen'])} ${1 + Math.floor(rng() * 40)}`,
      postalCode: `${630 + Math.floor(rng() * 9)} ${10 + Math.floor(rng() * 89)}`,
      city: 'Exempelby',
      area: pick(rng, ['Centrum', 'Norr', 'Söder', 'Väster', 'Öster']),
      occupations: b.ssyk,
      supervisors: [supervisor(domain), ...(rng() < 0.25 ? [supervisor(domain)] : [])],
      agreements: [
        { type: 'praktikavtal', validFrom: `${year - 3}-01-01`, validTo: `${year - 1}-12-31` },
        {
          type: b.kind === 'foretag' ? 'anstallningsavtal' : 'praktikavtal',
          validFrom: `${year}-01-01`,
          validTo: `${year}-12-31`,
        },
      ],
      slots: slots(b.ssyk),
      complianceCheck: check(b.kind === 'forening'),
    });
  }
  return out;
}

// ---- Persons and their history ---------------------------------------------------------------------

interface DemoPerson {
  id: string;
  input: RegisterInput;
  birthDate: string;
  sex: 'K' | 'M';
  unit: string;
  caseWorker: string;
  languages: string[];
  childrenAtHome: number;
  householdId: string | null;
  partnerId: string | null;
}

const EXIT_REASONS: [string, number][] = [
  ['arbete', 35],
  ['studier', 13],
  ['annan_insats', 14],
  ['flytt', 5],
  ['sjukdom', 9],
  ['avbrott', 14],
  ['annat', 10],
];
const FOLLOW_UP_OUTCOME: Record<string, [string, number][]> = {
  arbete: [
    ['arbete', 80],
    ['arbetssokande', 10],
    ['forsorjningsstod', 5],
    ['studier', 5],
  ],
  studier: [
    ['studier', 70],
    ['arbete', 20],
    ['arbetssokande', 10],
  ],
  other: [
    ['arbetssokande', 35],
    ['forsorjningsstod', 25],
    ['arbete', 15],
    ['annan_insats', 10],
    ['sjukdom', 10],
    ['okand', 5],
  ],
};

export interface FullDemoResult {
  users: number;
  programmes: number;
  workplaces: number;
  persons: number;
  enrolments: number;
  placements: number;
  protectedPersons: number;
  summerApplications: number;
}

export async function loadDemoFull(
  ctx: Ctx,
  opts: {
    organisationId: string;
    unitIds: Map<string, string>;
    userIds: Map<string, string>;
    seed: number;
    log: (line: string) => void;
  },
): Promise<FullDemoResult> {
  const { organisationId, unitIds, userIds, log } = opts;
  const rng = createSeededRng(opts.seed);
  const monthsRng = createSeededRng(opts.seed + 18);
  const today = swedishDate(ctx.clock.now());
  const now = ctx.clock.now();
  const threeYearsAgo = addMonths(today, -36);

  // Users.
  for (const u of FULL_DEMO_EXTRA_USERS) {
    const { userId } = await createUser(ctx, {
      organisationId,
      username: u.username,
      displayName: u.displayName,
      password: demoPassword(u.username),
      roles: [{ role: u.role, unitId: unitIds.get(u.unitKey)! }],
    });
    userIds.set(u.username, userId);
  }
  log(`Användare: ${userIds.size}`);

  const actorOf = async (username: string): Promise<Actor> => {
    const actor = await loadActor(ctx.db, organisationId, userIds.get(username)!, null);
    if (!actor) throw new Error(`Demoanvändaren ${username} saknas.`);
    return actor;
  };
  const units = await ctx.db
    .selectFrom('unit')
    .select(['id', 'parent_id'])
    .where('organisation_id', '=', organisationId)
    .execute();
  const system: Ctx = { ...ctx, actor: systemActor(organisationId, unitIds.get('forvaltning')!, units) };

  // Programmes and intakes, through the use cases, as the administrator.
  const admin = await actorOf('admin');
  const adminCtx: Ctx = { ...ctx, actor: admin };
  const adminGrant = admin.roles.find((r) => r.role === 'administrator')!;
  const seeds = seedProgrammes(`${Number(threeYearsAgo.slice(0, 4))}-01-01`);
  const programmeIds = new Map<ProgrammeCode, string>();
  for (const [code, s] of Object.entries(seeds) as [ProgrammeCode, ProgrammeSeed][]) {
    const { id } = await createProgramme(adminCtx, adminGrant, {
      ...s.input,
      unitId: unitIds.get(s.unitKey)!,
    });
    programmeIds.set(code, id);
  }
  const tracks = await ctx.db
    .selectFrom('programme_track')
    .select(['id', 'code'])
    .where('organisation_id', '=', organisationId)
    .where('programme_id', '=', programmeIds.get('jobbspar')!)
    .execute();
  const trackIds = new Map(tracks.map((t) => [t.code, t.id]));
  // Jobbspår: five intakes a year (as at the adult-education centre), over the three years.
  const jobbsparIntakes: { id: string; startsOn: string }[] = [];
  const firstYear = Number(threeYearsAgo.slice(0, 4));
  for (let y = firstYear; y <= Number(today.slice(0, 4)); y++) {
    for (const md of ['01-15', '03-15', '05-15', '08-20', '10-20']) {
      const startsOn = `${y}-${md}`;
      if (startsOn < threeYearsAgo || startsOn > addMonths(today, 3)) continue;
      const { id } = await createIntake(adminCtx, adminGrant, programmeIds.get('jobbspar')!, {
        startsOn,
        applicationsOpen: addDays(startsOn, -60),
        applicationsClose: addDays(startsOn, -21),
        places: 24,
      });
      jobbsparIntakes.push({ id, startsOn });
    }
  }
  log(
    `Insatser: ${programmeIds.size}, Jobbspår med ${trackIds.size} spår och ${jobbsparIntakes.length} intag`,
  );

  // Workplaces, through the workplace import, as the jobbmäklare.
  const broker = await actorOf('jobbmaklare');
  const brokerGrant = broker.roles.find((r) => r.role === 'jobbmaklare')!;
  const { ids: wpIds } = await importWorkplaces(
    { ...ctx, actor: broker },
    brokerGrant,
    fullDemoWorkplaceInputs(rng, today),
  );
  const workplaces = await ctx.db
    .transaction()
    .execute((tx) => workplacesWithSupervisors(tx, organisationId));
  log(`Arbetsplatser: ${workplaces.length} (${wpIds.length} nya) med handledare`);

  // Persons.
  const lists = await personCodeLists(ctx.db);
  const used = new Set(await ctx.db.transaction().execute((tx) => personnummerList(tx, organisationId)));
  const thisYear = Number(today.slice(0, 4));
  const persons: DemoPerson[] = [];
  for (const { unit, count, caseWorkers } of PERSONS_PER_UNIT) {
    for (let i = 0; i < count; i++) {
      const sex = rng() < 0.47 ? 'K' : 'M';
      // Ages 18–64 on the day of loading, weighted towards 25–45.
      const shape = rng() < 0.25 ? rng() : ((rng() + rng() + rng()) / 3) ** 1.15;
      const age = Math.min(63, 18 + Math.floor(46 * shape));
      const birthDate = `${thisYear - age - 1}-${pad(1 + Math.floor(rng() * 12))}-${pad(1 + Math.floor(rng() * 28))}`;
      const coordination = rng() < 0.05;
      let personnummer = syntheticPersonnummer(rng, { birthDate, sex, coordination });
      while (used.has(personnummer))
        personnummer = syntheticPersonnummer(rng, { birthDate, sex, coordination });
      used.add(personnummer);
      const mother = weighted(rng, MOTHER_TONGUES);
      const languages =
        mother === 'sv'
          ? [
              { code: 'sv', needsInterpreter: false },
              ...(rng() < 0.3 ? [{ code: 'en', needsInterpreter: false }] : []),
            ]
          : [
              { code: mother, needsInterpreter: rng() < 0.35 },
              ...(rng() < 0.8 ? [{ code: 'sv', needsInterpreter: false }] : []),
              ...(mother !== 'en' && rng() < 0.2 ? [{ code: 'en', needsInterpreter: false }] : []),
            ];
      const first = pick(rng, sex === 'K' ? FIRST_K : FIRST_M);
      const last = pick(rng, LAST);
      const incomeSource =
        unit === 'kc-norr' || unit === 'kc-soder'
          ? ('forsorjningsstod' as const)
          : weighted(rng, [
              ['forsorjningsstod', 55],
              ['aktivitetsstod', 20],
              ['ingen', 15],
              ['annan', 10],
            ] as const satisfies readonly [string, number][]);
      const caseWorker = pick(rng, caseWorkers);
      const n = persons.length + 1;
      const input = registerSchema.parse({
        personnummer,
        firstName: first,
        lastName: last,
        email: rng() < 0.7 ? `deltagare.${n}@example.se` : null,
        phone:
          rng() < 0.85
            ? `07${pick(rng, ['0', '2', '3', '6'])}-${100 + Math.floor(rng() * 899)} ${pad(Math.floor(rng() * 100))} ${pad(Math.floor(rng() * 100))}`
            : null,
        address: {
          street: `${pick(rng, STREETS)} ${1 + Math.floor(rng() * 80)}`,
          postalCode: `${63000 + Math.floor(rng() * 900)}`,
          city: 'Exempelby',
        },
        municipalityCode: null,
        languages,
        educationLevel: weighted(rng, SUN),
        occupations: {
          interest: [...new Set([pick(rng, SSYK), pick(rng, SSYK)])],
          experience: rng() < 0.55 ? [pick(rng, SSYK)] : [],
        },
        drivingLicences: rng() < 0.4 ? (rng() < 0.15 ? ['B', 'C'] : ['B']) : [],
        akassa:
          rng() < 0.25
            ? { code: pick(rng, AKASSOR), memberSince: `${thisYear - 1 - Math.floor(rng() * 8)}-01-01` }
            : null,
        incomeSource,
        assistanceMonths: demoAssistanceMonths(monthsRng, incomeSource),
        adjustmentNeeds:
          rng() < 0.2
            ? pick(rng, [
                'Behöver skriftliga instruktioner.',
                'Kan inte lyfta tungt.',
                'Korta arbetspass i början.',
              ])
            : null,
        caseWorkerUserId: userIds.get(caseWorker)!,
        teamId: null,
        responsibleUnitId: unitIds.get(unit)!,
      } satisfies RegisterInput);
      const issues = checkCodes(lists, input);
      if (issues.length > 0) throw new Error(`Demodata: ogiltig kod ${JSON.stringify(issues[0])}`);
      persons.push({
        id: randomUUID(),
        input,
        birthDate,
        sex,
        unit,
        caseWorker,
        languages: languages.map((l) => l.code),
        childrenAtHome: 0,
        householdId: null,
        partnerId: null,
      });
    }
  }

  // Households: about one in three lives with children; some couples both take part.
  const households: { id: string; children: string[] }[] = [];
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i]!;
    if (p.householdId) continue;
    const age = thisYear - Number(p.birthDate.slice(0, 4));
    const r = rng();
    const next = persons[i + 1];
    const couple = r < 0.07 && next && !next.householdId && next.unit === p.unit && next.sex !== p.sex;
    if (!couple && r > 0.38) continue;
    const nChildren =
      age < 22
        ? 0
        : weighted(rng, [
            [0, 20],
            [1, 25],
            [2, 28],
            [3, 15],
            [4, 8],
            [5, 4],
          ] as [number, number][]);
    const children = Array.from({ length: nChildren }, () => {
      const childAge = Math.floor(rng() * Math.min(18, age - 18));
      return `${thisYear - childAge}-${pad(1 + Math.floor(rng() * 12))}`;
    }).map((ym) => (ym > today.slice(0, 7) ? `${Number(ym.slice(0, 4)) - 1}${ym.slice(4)}` : ym));
    const h = { id: randomUUID(), children };
    households.push(h);
    p.householdId = h.id;
    p.childrenAtHome = children.length;
    if (couple) {
      next.householdId = h.id;
      next.childrenAtHome = children.length;
      next.partnerId = p.id;
      p.partnerId = next.id;
      next.input = { ...next.input, lastName: p.input.lastName };
    }
  }

  // Write persons (with languages and occupations), in batches of 500, one create event each.
  const BATCH = 500;
  for (let i = 0; i < persons.length; i += BATCH) {
    const batch = persons.slice(i, i + BATCH);
    await system.db.transaction().execute(async (tx) => {
      const rows: NewPerson[] = batch.map((p) => ({
        organisation_id: organisationId,
        id: p.id,
        personnummer: p.input.personnummer,
        identity_kind: Number(p.input.personnummer.slice(6, 8)) > 60 ? 'samordningsnummer' : 'personnummer',
        first_name: p.input.firstName,
        last_name: p.input.lastName,
        ...nameColumns(p.input.firstName, p.input.lastName),
        sex: p.sex,
        birth_date: p.birthDate,
        email: p.input.email ?? null,
        phone: p.input.phone ?? null,
        address_street: p.input.address?.street ?? null,
        address_postal_code: p.input.address?.postalCode ?? null,
        address_city: p.input.address?.city ?? null,
        municipality_code: null,
        education_level_code: p.input.educationLevel ?? null,
        education_level_version: p.input.educationLevel ? lists.educationLevel.version : null,
        driving_licences: p.input.drivingLicences,
        akassa_code: p.input.akassa?.code ?? null,
        akassa_member_since: p.input.akassa?.memberSince ?? null,
        akassa_version: p.input.akassa ? lists.unemploymentFund.version : null,
        income_source: p.input.incomeSource ?? null,
        assistance_months: p.input.assistanceMonths ?? null,
        adjustment_needs: p.input.adjustmentNeeds ?? null,
        responsible_unit_id: p.input.responsibleUnitId,
        team_id: null,
        case_worker_user_id: p.input.caseWorkerUserId ?? null,
        partner_person_id: null,
        protection_source: null,
        last_entry_at: now,
        created_at: now,
        updated_at: now,
      }));
      await bulkInsertPersons(tx, rows);
      await analyzePersons(tx);
      await bulkInsertLanguages(
        tx,
        batch.flatMap((p) =>
          p.input.languages.map((l) => ({
            organisation_id: organisationId,
            person_id: p.id,
            language_code: l.code,
            needs_interpreter: l.needsInterpreter,
          })),
        ),
      );
      await bulkInsertOccupations(
        tx,
        batch.flatMap((p) =>
          occupationRows(lists, p.input.occupations).map((o) => ({
            organisation_id: organisationId,
            person_id: p.id,
            kind: o.kind,
            ssyk_code: o.code,
            ssyk_version: o.version,
          })),
        ),
      );
      await recordAuditMany(
        tx,
        system,
        batch.map((p) => personEvent(system, p.id, 'create', 'person', p.id, { source: 'demo' })),
      );
    });
    log(`Deltagare ${Math.min(i + BATCH, persons.length)}/${persons.length}`);
  }

  // History: referral → plan → enrolment (phases, placement) → exit → follow-ups, per person.
  const wpBySector = new Map<string, typeof workplaces>();
  for (const w of workplaces) {
    const key = w.sector_label ?? 'annat';
    wpBySector.set(key, [...(wpBySector.get(key) ?? []), w]);
  }
  const userOf = (username: string) => userIds.get(username)!;
  const staff = new Map([...DEMO_USERS, ...FULL_DEMO_EXTRA_USERS].map((u) => [u.username, u]));
  const traineePerYear = new Map<string, number>();
  const openByProgramme = new Map<string, number>();
  let enrolmentCount = 0;
  let placementCount = 0;
  const statusById = new Map<string, string>();

  const HBATCH = 250;
  for (let i = 0; i < persons.length; i += HBATCH) {
    const batch = persons.slice(i, i + HBATCH);
    const referrals: Parameters<typeof insertChunked<'referral'>>[2] = [];
    const decisions: Parameters<typeof insertChunked<'referral_decision'>>[2] = [];
    const plans: Parameters<typeof insertChunked<'plan'>>[2] = [];
    const goals: Parameters<typeof insertChunked<'plan_goal'>>[2] = [];
    const enrolments: Parameters<typeof insertChunked<'enrolment'>>[2] = [];
    const phases: Parameters<typeof insertChunked<'enrolment_phase'>>[2] = [];
    const followUps: Parameters<typeof insertChunked<'follow_up'>>[2] = [];
    const placements: Parameters<typeof insertChunked<'placement'>>[2] = [];
    const notes: Parameters<typeof insertChunked<'journal_note'>>[2] = [];
    const meetings: Parameters<typeof insertChunked<'meeting'>>[2] = [];
    const events: AuditInput[] = [];

    for (const p of batch) {
      const worker = userOf(p.caseWorker);
      // The referral: from ekonomiskt bistånd mostly, at a date in the last three years.
      // (never before the person turned 18).
      const drawn = addDays(threeYearsAgo, Math.floor(rng() * (daysFrom(threeYearsAgo, today) - 5)));
      const adult = addMonths(p.birthDate, 18 * 12);
      const referralDate = drawn < adult ? minDate(adult, addDays(today, -5)) : drawn;
      const source = weighted(rng, [
        ['ekonomiskt_bistand', 60],
        ['arbetsformedlingen', 22],
        ['self', 12],
        ['other', 6],
      ] as [string, number][]);
      const referralId = randomUUID();
      const recent = daysFrom(referralDate, today) < 21;
      const declined = !recent && rng() < 0.05;
      const decisionDate = recent ? null : addDays(referralDate, 2 + Math.floor(rng() * 12));
      const start = decisionDate ? minDate(addDays(decisionDate, 3 + Math.floor(rng() * 18)), today) : null;
      const programme: ProgrammeCode = chooseProgramme(rng, p, seeds, start ?? today, traineePerYear);
      referrals.push({
        organisation_id: organisationId,
        id: referralId,
        person_id: p.id,
        source,
        referral_date: referralDate,
        referring_officer_name:
          source === 'ekonomiskt_bistand' ? 'Socialsekreterare, försörjningsstöd' : null,
        referring_officer_title: source === 'ekonomiskt_bistand' ? 'Socialsekreterare' : null,
        commissioning_unit: source === 'ekonomiskt_bistand' ? 'Ekonomiskt bistånd' : null,
        reason: pick(rng, [
          'Behöver stöd att komma närmare arbete.',
          'Långvarigt försörjningsstöd, arbetsför.',
          'Önskar praktik inom sitt yrkesområde.',
          'Behöver kartläggning och studie- och yrkesvägledning.',
        ]),
        requested_programme: seeds[programme].input.name,
        status: recent ? 'received' : declined ? 'declined' : 'accepted',
        decision_reason: declined ? 'Deltagaren har fått arbete innan start.' : null,
        decision_date: decisionDate,
        decided_by: decisionDate ? worker : null,
        decided_at: decisionDate ? now : null,
        start_date: !recent && !declined ? start : null,
        created_by: worker,
        created_at: now,
        updated_at: now,
      });
      events.push(personEvent(system, p.id, 'create', 'referral', referralId, { source }));
      if (decisionDate) {
        decisions.push({
          organisation_id: organisationId,
          referral_id: referralId,
          seq: 1,
          decision: declined ? 'decline' : 'accept',
          reason: declined ? 'Deltagaren har fått arbete innan start.' : null,
          decision_date: decisionDate,
          decided_by: worker,
          decided_at: now,
        });
        events.push(
          personEvent(system, p.id, 'update', 'referral', referralId, {
            decision: declined ? 'decline' : 'accept',
          }),
        );
      }
      if (recent || declined || !start) {
        statusById.set(p.id, declined ? 'avslutad' : 'aktiv');
        continue;
      }
      // The plan, agreed at start.
      plans.push({
        organisation_id: organisationId,
        person_id: p.id,
        agreed_on: start,
        follow_up_on: addMonths(start, 3),
        updated_by: worker,
        updated_at: now,
      });
      const goalId = randomUUID();
      goals.push({
        organisation_id: organisationId,
        id: goalId,
        person_id: p.id,
        description: pick(rng, [
          'Få en anställning inom det yrke deltagaren har erfarenhet av.',
          'Förbättra svenskan till en nivå som räcker för arbete.',
          'Pröva på ett nytt yrkesområde genom praktik.',
          'Påbörja studier inom vuxenutbildningen.',
        ]),
        target_date: addMonths(start, 12),
        status: 'pagar',
        created_by: worker,
        created_at: now,
        updated_by: worker,
        updated_at: now,
      });
      events.push(personEvent(system, p.id, 'create', 'plan', p.id, { goals: 1 }));
      // The start meeting (held) and its journal note by the case worker.
      const author = staff.get(p.caseWorker)!;
      const startMeeting = randomUUID();
      const startAt = new Date(`${start}T${pad(8 + Math.floor(rng() * 8))}:00:00+01:00`);
      meetings.push({
        organisation_id: organisationId,
        id: startMeeting,
        person_id: p.id,
        starts_at: startAt,
        duration_minutes: 60,
        place: pick(rng, ['Jobbcentrum, rum 3', 'Kompetenscentret', 'Vuxenutbildningscentrum', 'Videomöte']),
        purpose: 'Startsamtal och handlingsplan',
        status: 'genomfort',
        participant_attendance: 'narvarande',
        attendance_recorded_by: worker,
        attendance_recorded_at: now,
        created_by: worker,
        created_at: now,
        updated_at: now,
      });
      events.push(personEvent(system, p.id, 'create', 'meeting', startMeeting, { status: 'genomfort' }));
      const noteId = randomUUID();
      notes.push({
        organisation_id: organisationId,
        id: noteId,
        person_id: p.id,
        text: pick(rng, [
          'Startsamtal. Gick igenom handlingsplanen och tider för insatsen.',
          'Startsamtal med tolk. Deltagaren vill arbeta inom sitt tidigare yrke.',
          'Startsamtal. Kartläggning av erfarenheter och körkort; praktik önskas.',
        ]),
        contact_kind: 'besok',
        contact_at: startAt,
        author_user_id: worker,
        author_name: author.displayName,
        author_role: author.role,
        written_at: now,
      });
      events.push(personEvent(system, p.id, 'create', 'journal_note', noteId, {}));

      // Enrolments: one, and for some who moved on to another insats a second.
      let from = start;
      let current: ProgrammeCode = programme;
      let finalStatus = 'aktiv';
      for (let round = 0; round < 2; round++) {
        const seed = seeds[current];
        const e = writeEnrolment(rng, {
          p,
          seed,
          code: current,
          programmeId: programmeIds.get(current)!,
          unitId:
            current === 'kompetenscenter'
              ? unitIds.get(p.unit === 'kc-soder' ? 'kc-soder' : 'kc-norr')!
              : unitIds.get(seed.unitKey)!,
          start: from,
          referredOn: round === 0 ? referralDate : null,
          today,
          now,
          organisationId,
          trackIds,
          jobbsparIntakes,
          workplaces,
          wpBySector,
          worker,
          system,
          out: { enrolments, phases, followUps, placements, events },
        });
        enrolmentCount++;
        placementCount += e.placements;
        if (e.exitReason === null) {
          openByProgramme.set(current, (openByProgramme.get(current) ?? 0) + 1);
          // A follow-up meeting in the coming weeks.
          const next = randomUUID();
          meetings.push({
            organisation_id: organisationId,
            id: next,
            person_id: p.id,
            starts_at: new Date(
              `${addDays(today, 1 + Math.floor(rng() * 20))}T${pad(8 + Math.floor(rng() * 8))}:30:00+01:00`,
            ),
            duration_minutes: pick(rng, [30, 45, 60]),
            place: pick(rng, ['Jobbcentrum, rum 2', 'Kompetenscentret', 'På arbetsplatsen', 'Telefon']),
            purpose: 'Uppföljning av handlingsplanen',
            status: 'planerat',
            created_by: worker,
            created_at: now,
            updated_at: now,
          });
          events.push(personEvent(system, p.id, 'create', 'meeting', next, { status: 'planerat' }));
          break;
        }
        finalStatus = 'avslutad';
        if (e.exitReason !== 'annan_insats' || !e.exitDate || daysFrom(e.exitDate, today) < 30) break;
        from = addDays(e.exitDate, 7 + Math.floor(rng() * 21));
        const nextCode = pick(rng, ['arbetstraning', 'praktik', 'jobbspar'] as const);
        if (nextCode === current) break;
        current = nextCode;
        finalStatus = 'aktiv';
      }
      statusById.set(p.id, finalStatus);
    }

    await system.db.transaction().execute(async (tx) => {
      await insertChunked(tx, 'referral', referrals);
      await insertChunked(tx, 'referral_decision', decisions);
      await insertChunked(tx, 'plan', plans);
      await insertChunked(tx, 'plan_goal', goals);
      await insertChunked(tx, 'enrolment', enrolments);
      await insertChunked(tx, 'enrolment_phase', phases);
      await insertChunked(tx, 'follow_up', followUps);
      await insertChunked(tx, 'placement', placements);
      await insertChunked(tx, 'meeting', meetings);
      await insertChunked(tx, 'journal_note', notes);
      await recordAuditMany(tx, system, events);
    });
    log(`Insatshistorik ${Math.min(i + HBATCH, persons.length)}/${persons.length}`);
  }

  // Households, partners and person status (finished when every enrolment has ended).
  await system.db.transaction().execute(async (tx) => {
    await insertChunked(
      tx,
      'household',
      households.map((h) => ({
        organisation_id: organisationId,
        id: h.id,
        children_at_home: h.children.length,
        created_at: now,
        updated_at: now,
      })),
    );
    await insertChunked(
      tx,
      'household_child',
      households.flatMap((h) =>
        h.children.map((ym) => ({
          organisation_id: organisationId,
          household_id: h.id,
          id: randomUUID(),
          birth_year_month: ym,
        })),
      ),
    );
    await updatePersonsHousehold(
      tx,
      organisationId,
      persons.map((p) => ({
        id: p.id,
        household_id: p.householdId,
        partner_person_id: p.partnerId,
        status: statusById.get(p.id) ?? 'aktiv',
      })),
      now,
    );
    await recordAuditMany(
      tx,
      system,
      persons
        .filter((p) => p.householdId || statusById.get(p.id) !== 'aktiv')
        .map((p) =>
          personEvent(system, p.id, 'update', 'person', p.id, {
            householdId: p.householdId,
            partner: p.partnerId !== null,
            status: statusById.get(p.id) ?? 'aktiv',
          }),
        ),
    );
    await analyzeDemoTables(tx);
  });
  log(
    `Hushåll: ${households.length}, varav ${households.filter((h) => h.children.length > 0).length} med barn`,
  );

  // A few more protected persons, of both grades, set by the unit manager through the use case.
  const chef = await actorOf('enhetschef');
  const chefCtx: Ctx = { ...ctx, actor: chef };
  const candidates = persons.filter((p) => p.unit === 'jobbcentrum' && !p.householdId);
  const protectedPersons = [candidates[17], candidates[101], candidates[233], candidates[411]].filter(
    (p): p is DemoPerson => p !== undefined,
  );
  for (const [k, p] of protectedPersons.entries()) {
    await changeProtection(chefCtx, p.id, {
      level: k % 2 === 0 ? 'sekretessmarkering' : 'skyddad_folkbokforing',
      source: 'folkbokforing',
      decidedOn: addMonths(today, -6 - k),
      purpose: 'Demodata: skyddsmarkering från folkbokföringen',
    });
  }

  // A summer-jobs season for the coming summer, set up and allocated by the jobbmäklare.
  const summer = await loadDemoSummerSeason(
    { ...ctx, actor: broker },
    brokerGrant,
    rng,
    today,
    workplaces.map((w) => w.id),
    DEMO_SUMMER_MUNICIPALITY,
  );
  log(
    `Feriearbete: ${summer.slots} platsgrupper med ${summer.places} platser, ${summer.applications} ansökningar, ` +
      `${summer.placed} placerade i den optimala körningen (inte publicerad)`,
  );

  return {
    users: userIds.size,
    programmes: programmeIds.size,
    workplaces: workplaces.length,
    persons: persons.length,
    enrolments: enrolmentCount,
    placements: placementCount,
    protectedPersons: protectedPersons.length,
    summerApplications: summer.applications,
  };
}

function daysFrom(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function personEvent(
  system: Ctx,
  personId: string,
  action: 'create' | 'update',
  objectType: string,
  objectId: string,
  details: Record<string, unknown>,
): AuditInput {
  const grant = system.actor!.roles[0]!;
  return {
    action,
    objectType,
    objectId,
    subjectPersonId: personId,
    role: grant.role,
    unitId: grant.unitId,
    details: { ...details, demo: true },
  };
}

function chooseProgramme(
  rng: Rng,
  p: DemoPerson,
  seeds: Record<ProgrammeCode, ProgrammeSeed>,
  start: string,
  traineePerYear: Map<string, number>,
): ProgrammeCode {
  let code: ProgrammeCode;
  if (p.unit === 'kc-norr' || p.unit === 'kc-soder') code = 'kompetenscenter';
  else if (p.unit === 'vuxenutbildning') code = 'jobbspar';
  else
    code = weighted(rng, [
      ['trainee', 22],
      ['servicetrainee', 20],
      ['arbetstraning', 24],
      ['praktik', 24],
      ['extratjanst', 12],
      ['jobbspar', 10],
    ] as [ProgrammeCode, number][]);
  const eligible = (c: ProgrammeCode) =>
    evaluateEligibility(
      seeds[c].input.eligibility as EligibilityRules,
      {
        birthDate: p.birthDate,
        incomeSource: p.input.incomeSource ?? null,
        languages: p.languages,
        municipalityCode: null,
      },
      start,
    ).length === 0;
  if (code === 'trainee') {
    const year = start.slice(0, 4);
    if ((traineePerYear.get(year) ?? 0) >= 150) code = 'arbetstraning';
    else traineePerYear.set(year, (traineePerYear.get(year) ?? 0) + 1);
  }
  if (!eligible(code)) code = 'arbetstraning';
  return code;
}

interface HistoryOut {
  enrolments: Parameters<typeof insertChunked<'enrolment'>>[2];
  phases: Parameters<typeof insertChunked<'enrolment_phase'>>[2];
  followUps: Parameters<typeof insertChunked<'follow_up'>>[2];
  placements: Parameters<typeof insertChunked<'placement'>>[2];
  events: AuditInput[];
}

/** One enrolment with its phases, placement, exit and follow-ups, as rows and audit events. */
function writeEnrolment(
  rng: Rng,
  a: {
    p: DemoPerson;
    seed: ProgrammeSeed;
    code: ProgrammeCode;
    programmeId: string;
    unitId: string;
    start: string;
    referredOn: string | null;
    today: string;
    now: Date;
    organisationId: string;
    trackIds: Map<string, string>;
    jobbsparIntakes: { id: string; startsOn: string }[];
    workplaces: Awaited<ReturnType<typeof workplacesWithSupervisors>>;
    wpBySector: Map<string, Awaited<ReturnType<typeof workplacesWithSupervisors>>>;
    worker: string;
    system: Ctx;
    out: HistoryOut;
  },
): { exitReason: string | null; exitDate: string | null; placements: number } {
  const { p, seed, today, now, organisationId, out } = a;
  let start = a.start;
  let intakeId: string | null = null;
  let trackId: string | null = null;
  let trackCode: string | null = null;
  if (a.code === 'jobbspar') {
    const intake = a.jobbsparIntakes.find((x) => x.startsOn >= start && x.startsOn <= today);
    if (intake) {
      intakeId = intake.id;
      start = intake.startsOn;
    }
    trackCode = pick(rng, JOBBSPAR_TRACKS).code;
    trackId = a.trackIds.get(trackCode) ?? null;
  }
  const phaseSpecs = (seed.input.phases ?? []).map((ph) => ({
    code: ph.code,
    weeks: ph.weeks ?? null,
    months: ph.months ?? null,
  }));
  const planned = plannedEnd(start, phaseSpecs, seed.input.maxLengthMonths ?? null) ?? addMonths(start, 6);
  const length = daysFrom(start, planned);
  // Exit: many complete the planned time, some leave early (work, studies, drop-outs).
  const exitReason = weighted(rng, EXIT_REASONS);
  const early =
    exitReason === 'avbrott' || exitReason === 'sjukdom' || exitReason === 'flytt' || rng() < 0.35;
  const spent = early ? Math.max(14, Math.floor(length * (0.15 + rng() * 0.7))) : length;
  const exitDateCandidate = addDays(start, spent);
  const exited = exitDateCandidate < today;
  const exitDate = exited ? exitDateCandidate : null;
  const id = randomUUID();
  out.enrolments.push({
    organisation_id: organisationId,
    id,
    person_id: p.id,
    programme_id: a.programmeId,
    intake_id: intakeId,
    track_id: trackId,
    unit_id: a.unitId,
    status: exited ? 'exited' : 'enrolled',
    referred_on: a.referredOn,
    priority_rank: 100,
    start_date: start,
    planned_end_date: planned,
    exit_date: exitDate,
    exit_reason: exited ? exitReason : null,
    exit_employment_form:
      exited && exitReason === 'arbete' ? pick(rng, ['tillsvidare', 'visstid', 'timanställning']) : null,
    income_source_at_exit: exited
      ? exitReason === 'arbete'
        ? 'lon'
        : exitReason === 'studier'
          ? 'studiemedel'
          : pick(rng, ['forsorjningsstod', 'aktivitetsstod', 'ingen'])
      : null,
    created_at: now,
    updated_at: now,
  });
  a.out.events.push(
    personEvent(a.system, p.id, 'create', 'enrolment', id, {
      programmeId: a.programmeId,
      intakeId,
      status: 'enrolled',
    }),
  );
  // Phases that have started by the exit (or today).
  const until = exitDate ?? today;
  let phaseStart = start;
  let seq = 0;
  for (const [k, ph] of phaseSpecs.entries()) {
    if (phaseStart > until) break;
    const next =
      k < phaseSpecs.length - 1
        ? ph.weeks
          ? addDays(phaseStart, ph.weeks * 7)
          : addMonths(phaseStart, ph.months ?? 0)
        : null;
    const ended = next && next <= until ? addDays(next, -1) : exitDate;
    seq++;
    out.phases.push({
      organisation_id: organisationId,
      enrolment_id: id,
      seq,
      phase_code: ph.code,
      started_on: phaseStart,
      ended_on: ended ?? null,
    });
    if (seq > 1)
      a.out.events.push(personEvent(a.system, p.id, 'update', 'enrolment', id, { phase: ph.code }));
    if (!next || next > until) break;
    phaseStart = next;
  }
  // Placement at a workplace in a matching sector (not for the first weeks of introduction).
  let placements = 0;
  if (seed.placement !== 'none') {
    const sector =
      trackCode === 'barnskotare-elevassistent'
        ? 'skola'
        : trackCode === 'plastoperator'
          ? 'industri'
          : (trackCode ??
            pick(rng, [
              'vard-omsorg',
              'skola',
              'maltid',
              'handel',
              'lokalvard',
              'restaurang',
              'lager',
              'park',
            ]));
    const pool = a.wpBySector.get(sector) ?? a.workplaces;
    const wp = pick(rng, pool.length > 0 ? pool : a.workplaces);
    const placementStart =
      a.code === 'trainee'
        ? addDays(start, 28)
        : a.code === 'jobbspar'
          ? addDays(start, 16 * 7)
          : addDays(start, 7 + Math.floor(rng() * 21));
    if (placementStart <= until && (!exitDate || placementStart <= exitDate)) {
      const placementEnd =
        exitDate ?? (a.code === 'jobbspar' ? minDate(addDays(placementStart, 8 * 7 - 1), planned) : planned);
      const pid = randomUUID();
      const work = seed.placement === 'work';
      out.placements.push({
        organisation_id: organisationId,
        id: pid,
        enrolment_id: id,
        person_id: p.id,
        workplace_id: wp.id,
        slot_id: null,
        supervisor_id: wp.supervisorIds[0] ?? null,
        start_date: placementStart,
        end_date: placementEnd >= placementStart ? placementEnd : placementStart,
        status: exited && exitReason === 'avbrott' ? 'avbruten' : 'aktiv',
        share_name_with_workplace: true,
        employment_form: work ? 'tidsbegransad' : null,
        hours_per_week: work ? 40 : 20 + 5 * Math.floor(rng() * 4),
        monthly_salary_sek: work ? 24_500 + 500 * Math.floor(rng() * 6) : null,
        employer_cost_factor: work ? 1.3142 : null,
        subsidy_kind: work ? (seed.subsidy ?? null) : null,
        subsidy_monthly_sek: work && seed.subsidy ? 18_000 + 500 * Math.floor(rng() * 5) : null,
        subsidy_from: work && seed.subsidy ? placementStart : null,
        subsidy_to: work && seed.subsidy ? placementEnd : null,
        created_by: a.worker,
        created_at: now,
        updated_at: now,
      });
      a.out.events.push(
        personEvent(a.system, p.id, 'create', 'placement', pid, {
          enrolmentId: id,
          workplaceId: wp.id,
          startDate: placementStart,
        }),
      );
      placements++;
    }
  }
  if (!exited || !exitDate) return { exitReason: null, exitDate: null, placements };
  a.out.events.push(personEvent(a.system, p.id, 'update', 'enrolment', id, { exit: exitReason, exitDate }));
  // Follow-ups 6/12/18 months after exit: done (most reached) when due, planned otherwise.
  for (const m of seed.input.followUpMonths ?? [6, 12, 18]) {
    const due = addMonths(exitDate, m);
    const fid = randomUUID();
    const done = due <= today;
    const reached = done && rng() < 0.8;
    const outcome = reached
      ? weighted(
          rng,
          FOLLOW_UP_OUTCOME[exitReason === 'arbete' || exitReason === 'studier' ? exitReason : 'other']!,
        )
      : null;
    out.followUps.push({
      organisation_id: organisationId,
      id: fid,
      enrolment_id: id,
      person_id: p.id,
      months_after_exit: m,
      due_on: due,
      status: done ? (reached ? 'genomford' : 'ej_nadd') : 'planerad',
      outcome,
      income_source: outcome === 'arbete' ? 'lon' : null,
      recorded_at: done ? now : null,
    });
    if (done)
      a.out.events.push(
        personEvent(a.system, p.id, 'update', 'follow_up', fid, {
          status: done ? (reached ? 'genomford' : 'ej_nadd') : 'planerad',
          outcome,
        }),
      );
  }
  return { exitReason, exitDate, placements };
}
