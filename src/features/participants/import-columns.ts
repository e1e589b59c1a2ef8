import { foldHeader } from './import-file.ts';

/** The columns of the participant import file (and its template). Headers are matched folded. */
export interface ImportColumn {
  key: ImportKey;
  header: string;
  aliases: string[];
  required: boolean;
  description: string;
  example: string;
  /** Format the template column as text in Excel (keeps leading zeros and long digit runs). */
  text?: boolean;
}

export type ImportKey =
  | 'personnummer'
  | 'firstName'
  | 'lastName'
  | 'sex'
  | 'email'
  | 'phone'
  | 'street'
  | 'postalCode'
  | 'city'
  | 'municipalityCode'
  | 'languages'
  | 'educationLevel'
  | 'interest'
  | 'experience'
  | 'drivingLicences'
  | 'akassa'
  | 'akassaSince'
  | 'incomeSource'
  | 'assistanceMonths'
  | 'adjustmentNeeds'
  | 'caseWorker';

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'personnummer',
    header: 'Personnummer',
    aliases: ['personnr', 'samordningsnummer', 'personnummer samordningsnummer', 'pnr'],
    required: true,
    description:
      'Personnummer eller samordningsnummer: ÅÅÅÅMMDDNNNN, ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller ÅÅMMDD+NNNN.',
    example: 'ÅÅÅÅMMDD-NNNN',
    text: true,
  },
  {
    key: 'firstName',
    header: 'Förnamn',
    aliases: ['fornamn'],
    required: true,
    description: 'Förnamn.',
    example: 'Anna',
  },
  {
    key: 'lastName',
    header: 'Efternamn',
    aliases: [],
    required: true,
    description: 'Efternamn.',
    example: 'Andersson',
  },
  {
    key: 'sex',
    header: 'Kön',
    aliases: ['juridiskt kon'],
    required: false,
    description: 'K, M eller X. Tomt: härleds från personnumret.',
    example: 'K',
  },
  {
    key: 'email',
    header: 'E-post',
    aliases: ['epost', 'e postadress', 'mejl'],
    required: false,
    description: 'E-postadress.',
    example: 'anna@example.se',
  },
  {
    key: 'phone',
    header: 'Telefon',
    aliases: ['telefonnummer', 'mobil', 'mobilnummer'],
    required: false,
    description: 'Telefonnummer.',
    example: '070-123 45 67',
    text: true,
  },
  {
    key: 'street',
    header: 'Gatuadress',
    aliases: ['adress', 'utdelningsadress'],
    required: false,
    description: 'Gatuadress.',
    example: 'Storgatan 1',
  },
  {
    key: 'postalCode',
    header: 'Postnummer',
    aliases: ['postnr'],
    required: false,
    description: 'Fem siffror.',
    example: '123 45',
    text: true,
  },
  {
    key: 'city',
    header: 'Ort',
    aliases: ['postort'],
    required: false,
    description: 'Postort.',
    example: 'Exempelby',
  },
  {
    key: 'municipalityCode',
    header: 'Kommunkod',
    aliases: ['folkbokforingskommun'],
    required: false,
    description: 'Fyra siffror (SCB).',
    example: '0180',
    text: true,
  },
  {
    key: 'languages',
    header: 'Språk',
    aliases: ['sprak', 'talade sprak'],
    required: false,
    description:
      'ISO 639-koder eller svenska namn, åtskilda med komma. Skriv "(tolk)" efter ett språk som kräver tolk.',
    example: 'ar (tolk), sv',
  },
  {
    key: 'educationLevel',
    header: 'Utbildningsnivå',
    aliases: ['utbildningsniva', 'sun', 'sun niva'],
    required: false,
    description: 'Nivåkod enligt SUN 2020, t.ex. 3, 31, 337.',
    example: '337',
    text: true,
  },
  {
    key: 'interest',
    header: 'Yrkesintresse',
    aliases: ['intresse', 'onskade yrken'],
    required: false,
    description: 'SSYK 2012-koder, åtskilda med komma.',
    example: '5120, 9412',
    text: true,
  },
  {
    key: 'experience',
    header: 'Yrkeserfarenhet',
    aliases: ['erfarenhet', 'tidigare yrken'],
    required: false,
    description: 'SSYK 2012-koder, åtskilda med komma.',
    example: '9111',
    text: true,
  },
  {
    key: 'drivingLicences',
    header: 'Körkort',
    aliases: ['korkort', 'korkortsbehorighet'],
    required: false,
    description: 'Behörigheter åtskilda med komma, t.ex. B, BE.',
    example: 'B',
  },
  {
    key: 'akassa',
    header: 'A-kassa',
    aliases: ['akassa', 'a kassa'],
    required: false,
    description: 'A-kassans namn enligt JobTech, eller "Ej medlem i a-kassa".',
    example: 'Kommunalarbetarnas a-kassa',
  },
  {
    key: 'akassaSince',
    header: 'A-kassa sedan',
    aliases: ['akassa sedan', 'medlem sedan'],
    required: false,
    description: 'Datum ÅÅÅÅ-MM-DD.',
    example: '2020-01-01',
    text: true,
  },
  {
    key: 'incomeSource',
    header: 'Försörjning före start',
    aliases: ['forsorjning', 'forsorjning fore start', 'inkomstkalla'],
    required: false,
    description: 'Försörjningsstöd, aktivitetsstöd, ingen eller annan.',
    example: 'Försörjningsstöd',
  },
  {
    key: 'assistanceMonths',
    header: 'Månader med bistånd (senaste 12)',
    aliases: ['manader med bistand', 'manader med ekonomiskt bistand', 'bistandsmanader'],
    required: false,
    description:
      'Antal månader av de senaste 12 med ekonomiskt bistånd, 0–12. Minst 10 räknas som långvarigt bistånd (Socialstyrelsen). Tomt: inte känt.',
    example: '11',
  },
  {
    key: 'adjustmentNeeds',
    header: 'Anpassningsbehov',
    aliases: ['anpassning'],
    required: false,
    description: 'Fritext; visas bara för arbetslaget kring deltagaren.',
    example: '',
  },
  {
    key: 'caseWorker',
    header: 'Handläggare',
    aliases: ['handlaggare', 'handlaggare anvandarnamn'],
    required: false,
    description: 'Handläggarens användarnamn i Insats.',
    example: 'handlaggare',
  },
];

const byFolded = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) {
  byFolded.set(foldHeader(c.header), c);
  for (const a of c.aliases) byFolded.set(foldHeader(a), c);
}

export function columnForHeader(header: string): ImportColumn | undefined {
  return byFolded.get(foldHeader(header));
}

export function columnByKey(key: ImportKey): ImportColumn {
  return IMPORT_COLUMNS.find((c) => c.key === key)!;
}
