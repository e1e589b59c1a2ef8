import type { Ctx, Lang } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { swedishDate } from '../../domain/dates.ts';
import { parseOrganisationsnummer } from '../../domain/orgnr.ts';
import type { FieldIssue } from '../../http/errors.ts';
import { ruleViolation } from '../../http/errors.ts';
import { type Period, periodCovered } from '../placements/periods.ts';
import { existingCodes, latestCodeListVersion } from './repo.ts';
import type {
  AgreementInput,
  ComplianceCheckInput,
  SlotInput,
  SupervisorInput,
  WorkplaceFields,
} from './schema.ts';
import { normalizeSectorLabel, parseSniCode, SNI_SYSTEM, SNI_VERSION } from './sector.ts';

export const SSYK_SYSTEM = 'SSYK2012';

/** Collects field issues in the request's language; `throwIfAny` turns them into one 422 answer. */
export class Issues {
  readonly list: FieldIssue[] = [];
  constructor(private readonly lang: Lang) {}
  add(path: string, sv: string, en: string) {
    this.list.push({ path, message: this.lang === 'en' ? en : sv });
  }
  throwIfAny() {
    if (this.list.length > 0) {
      // The message repeats every field message, for clients that show only the message.
      const all = this.list.map((i) => i.message).join(' ');
      throw ruleViolation(
        'invalid_workplace',
        `Uppgifterna om arbetsplatsen behöver rättas: ${all}`,
        `The workplace details need correcting: ${all}`,
        this.list,
      );
    }
  }
}

/** Blank text becomes null. */
export function clean(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-\s/]{5,40}$/;

export function today(ctx: Pick<Ctx, 'clock'>): string {
  return swedishDate(ctx.clock.now());
}

export interface NormalizedWorkplace {
  kind: WorkplaceFields['kind'];
  name: string;
  organisationsnummer: string | null;
  sector_system: string | null;
  sector_version: string | null;
  sector_code: string | null;
  sector_label: string | null;
  street_address: string | null;
  postal_code: string | null;
  city: string | null;
  area: string | null;
  note: string | null;
  active: boolean;
}

export function normalizeWorkplaceFields(
  ctx: Pick<Ctx, 'clock'>,
  input: WorkplaceFields,
  issues: Issues,
  prefix = 'body',
): NormalizedWorkplace {
  let orgnr: string | null = null;
  const orgnrText = clean(input.organisationsnummer);
  if (orgnrText) {
    const r = parseOrganisationsnummer(orgnrText, { referenceDate: today(ctx) });
    if (r.ok) orgnr = r.value.normalized;
    else
      issues.add(
        `${prefix}.organisationsnummer`,
        r.message,
        'The organisation number is not valid (format or check digit).',
      );
  } else if (input.kind !== 'kommunal') {
    issues.add(
      `${prefix}.organisationsnummer`,
      'Ange organisationsnummer: det krävs för företag, föreningar och bemanningsföretag.',
      'Give the organisation number: companies, associations and staffing agencies need one.',
    );
  }
  let sniCode: string | null = null;
  const sniText = clean(input.sniCode);
  if (sniText) {
    const r = parseSniCode(sniText);
    if (r.ok) sniCode = r.code;
    else issues.add(`${prefix}.sniCode`, r.message.sv, r.message.en);
  }
  const label = clean(input.sector);
  const postal = clean(input.postalCode);
  if (postal && !/^\d{3}\s?\d{2}$/.test(postal)) {
    issues.add(
      `${prefix}.postalCode`,
      'Ange postnumret som fem siffror, t.ex. 123 45.',
      'Give a five-digit postcode.',
    );
  }
  return {
    kind: input.kind,
    name: input.name.trim(),
    organisationsnummer: orgnr,
    sector_system: sniCode ? SNI_SYSTEM : null,
    sector_version: sniCode ? SNI_VERSION : null,
    sector_code: sniCode,
    sector_label: label ? normalizeSectorLabel(label) : null,
    street_address: clean(input.streetAddress),
    postal_code: postal ? postal.replace(/\s/g, '').replace(/^(\d{3})(\d{2})$/, '$1 $2') : null,
    city: clean(input.city),
    area: clean(input.area),
    note: clean(input.note),
    active: input.active ?? true,
  };
}

/** The SSYK 2012 codes among `codes` that exist in the newest loaded list, looked up in one query. */
export interface SsykCatalogue {
  version: string | null;
  known: Set<string>;
}

export async function loadSsyk(tx: Tx, codes: string[]): Promise<SsykCatalogue> {
  if (codes.length === 0) return { version: null, known: new Set() };
  const version = (await latestCodeListVersion(tx, SSYK_SYSTEM)) ?? null;
  if (!version) return { version: null, known: new Set() };
  const known = await existingCodes(tx, SSYK_SYSTEM, version, [...new Set(codes)]);
  return { version, known: new Set(known.keys()) };
}

/** Checks codes against a loaded catalogue; returns them (deduplicated) with the list version. */
export function checkCodes(
  catalogue: SsykCatalogue,
  codes: string[],
  issues: Issues,
  path: (index: number) => string,
): { code: string; version: string }[] {
  const out: { code: string; version: string }[] = [];
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    if (!catalogue.version) {
      issues.add(
        path(i),
        'Yrkeskoderna (SSYK 2012) är inte inlästa.',
        'The SSYK 2012 code list is not loaded.',
      );
    } else if (!catalogue.known.has(code)) {
      issues.add(
        path(i),
        `Yrkeskoden ${code.slice(0, 4)} finns inte i SSYK 2012.`,
        `${code.slice(0, 4)} is not an SSYK 2012 code.`,
      );
    } else if (!seen.has(code)) {
      seen.add(code);
      out.push({ code, version: catalogue.version });
    }
  });
  return out;
}

/** Checks SSYK 2012 codes against the loaded code list; returns them with the list version. */
export async function checkSsykCodes(
  tx: Tx,
  codes: string[],
  issues: Issues,
  path: (index: number) => string,
): Promise<{ code: string; version: string }[]> {
  if (codes.length === 0) return [];
  return checkCodes(await loadSsyk(tx, codes), codes, issues, path);
}

export function checkSupervisor(s: SupervisorInput, path: string, issues: Issues) {
  const email = clean(s.email);
  if (email && !EMAIL.test(email)) {
    issues.add(`${path}.email`, 'Ange en giltig e-postadress.', 'Give a valid e-mail address.');
  }
  const phone = clean(s.phone);
  if (phone && !PHONE.test(phone)) {
    issues.add(
      `${path}.phone`,
      'Ange telefonnumret med siffror, t.ex. 070-123 45 67.',
      'Give a valid phone number.',
    );
  }
}

export function checkAgreement(a: AgreementInput, path: string, issues: Issues) {
  if (a.validTo && a.validTo < a.validFrom) {
    issues.add(
      `${path}.validTo`,
      'Avtalets slutdatum kan inte ligga före startdatumet.',
      'The agreement cannot end before it starts.',
    );
  }
}

export function checkSlot(s: SlotInput, path: string, issues: Issues) {
  if (s.periodTo < s.periodFrom) {
    issues.add(
      `${path}.periodTo`,
      'Periodens slutdatum kan inte ligga före startdatumet.',
      'The period cannot end before it starts.',
    );
  }
}

export function checkComplianceCheck(
  c: ComplianceCheckInput,
  path: string,
  issues: Issues,
  todayDate: string,
) {
  if (c.checkedOn > todayDate) {
    issues.add(
      `${path}.checkedOn`,
      'Kontrolldatum kan inte ligga i framtiden.',
      'The check date cannot be in the future.',
    );
  }
}

/**
 * Whether placements at this workplace need an agreement: always for companies, associations and
 * staffing agencies; for a municipal unit only once it has agreements recorded (internal units
 * often work without one).
 */
export function agreementRequired(kind: string, agreementCount: number): boolean {
  return kind !== 'kommunal' || agreementCount > 0;
}

/** Live placements that the given agreements would leave uncovered. */
export function uncoveredPlacements(
  kind: string,
  agreements: readonly Period[],
  placements: readonly (Period & { id: string })[],
): string[] {
  if (!agreementRequired(kind, agreements.length)) return [];
  return placements.filter((p) => !periodCovered(p, agreements)).map((p) => p.id);
}
