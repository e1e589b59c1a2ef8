// ISO 639 language codes with Swedish names, derived from the JobTech language list (used by
// scripts/build-codelists.ts to write codelists/iso-639-sv.json).
//
// The JobTech export has Swedish names but no ISO codes. Insats stores ISO 639 codes (person_language
// requires 2–3 lower-case letters), so this table names, for each ISO code Insats supports, the
// language's Swedish name. A code is written to the list ONLY when that name is found verbatim among
// the JobTech labels; the name stored is then JobTech's label and the JobTech concept id is kept as
// `conceptId`. A JobTech label counts as found when it is equal to the name, or one of its
// `/`-separated variants is ("Tamil/Tamilska"), or it is equal once a trailing parenthesis is removed
// ("Persiska (Farsi)"). Codes without a match are listed in the file's notes and left out — no
// Swedish name is made up.
//
// Codes: ISO 639-1 where one exists; otherwise ISO 639-2 (collective codes such as `smi`, `sgn`) or
// ISO 639-3 (`fit`, `cmn`, `prs`).

import type { CodeListEntry, CodeListFile } from '../src/domain/codelists.ts';
import { compareCodePoints } from '../src/domain/compare.ts';

/** [ISO 639 code, Swedish name]. Order does not matter; the output is sorted by code. */
export const ISO_639_CANDIDATES: readonly (readonly [string, string])[] = [
  ['aa', 'Afar'],
  ['af', 'Afrikaans'],
  ['ak', 'Akan'],
  ['am', 'Amhariska'],
  ['ar', 'Arabiska'],
  ['as', 'Assamesiska'],
  ['ay', 'Aymara'],
  ['az', 'Azerbajdzjanska'],
  ['ba', 'Basjkiriska'],
  ['be', 'Vitryska'],
  ['bg', 'Bulgariska'],
  ['bi', 'Bislama'],
  ['bm', 'Bambara'],
  ['bn', 'Bengaliska'],
  ['bo', 'Tibetanska'],
  ['br', 'Bretonska'],
  ['bs', 'Bosniska'],
  ['ca', 'Katalanska'],
  ['ce', 'Tjetjenska'],
  ['ch', 'Chamorro'],
  ['co', 'Korsikanska'],
  ['cr', 'Cree'],
  ['cs', 'Tjeckiska'],
  ['cv', 'Tjuvasjiska'],
  ['cy', 'Walesiska'],
  ['da', 'Danska'],
  ['de', 'Tyska'],
  ['dv', 'Divehi'],
  ['dz', 'Dzongkha'],
  ['ee', 'Ewe'],
  ['el', 'Grekiska'],
  ['en', 'Engelska'],
  ['eo', 'Esperanto'],
  ['es', 'Spanska'],
  ['et', 'Estniska'],
  ['eu', 'Baskiska'],
  ['fa', 'Persiska'],
  ['ff', 'Fulfulde'],
  ['fi', 'Finska'],
  ['fj', 'Fidjianska'],
  ['fo', 'Färöiska'],
  ['fr', 'Franska'],
  ['fy', 'Frisiska'],
  ['ga', 'Iriska'],
  ['gd', 'Skotsk gaeliska'],
  ['gl', 'Galiciska'],
  ['gn', 'Guarani'],
  ['gu', 'Gujarati'],
  ['gv', 'Manx'],
  ['ha', 'Hausa'],
  ['he', 'Hebreiska'],
  ['hi', 'Hindi'],
  ['hr', 'Kroatiska'],
  ['hu', 'Ungerska'],
  ['hy', 'Armeniska'],
  ['hz', 'Herero'],
  ['ia', 'Interlingua'],
  ['id', 'Indonesiska'],
  ['ig', 'Igbo'],
  ['ik', 'Inupiak'],
  ['is', 'Isländska'],
  ['it', 'Italienska'],
  ['iu', 'Inuktitut'],
  ['ja', 'Japanska'],
  ['jv', 'Javanesiska'],
  ['ka', 'Georgiska'],
  ['kg', 'Kongo'],
  ['ki', 'Kikuyu'],
  ['kj', 'Kuanyama'],
  ['kk', 'Kazakiska'],
  ['kl', 'Grönländska'],
  ['km', 'Khmer'],
  ['kn', 'Kanaresiska'],
  ['ko', 'Koreanska'],
  ['kr', 'Kanuri'],
  ['ks', 'Kasmiriska'],
  ['ku', 'Kurdiska'],
  ['kv', 'Komi'],
  ['kw', 'Korniska'],
  ['ky', 'Kirgisiska'],
  ['la', 'Latin'],
  ['lb', 'Luxemburgiska'],
  ['lg', 'Ganda'],
  ['ln', 'Lingala'],
  ['lo', 'Lao'],
  ['lt', 'Litauiska'],
  ['lu', 'Luba-Katanga'],
  ['lv', 'Lettiska'],
  ['mg', 'Malagassiska'],
  ['mh', 'Marshalliska'],
  ['mi', 'Maori'],
  ['mk', 'Makedonska'],
  ['ml', 'Malayalam'],
  ['mn', 'Mongolska'],
  ['mr', 'Marathi'],
  ['ms', 'Malajiska'],
  ['mt', 'Maltesiska'],
  ['my', 'Burmesiska'],
  ['na', 'Nauru'],
  ['nb', 'Norskt bokmål'],
  ['nd', 'Ndebele Nord'],
  ['ne', 'Nepalesiska'],
  ['ng', 'Ndonga'],
  ['nl', 'Nederländska'],
  ['nn', 'Nynorska'],
  ['no', 'Norska'],
  ['nr', 'Ndebele Syd'],
  ['ny', 'Nyanja'],
  ['oc', 'Occitanska'],
  ['oj', 'Ojibwa'],
  ['om', 'Oromo'],
  ['or', 'Oriya'],
  ['os', 'Ossetiska'],
  ['pa', 'Punjabi'],
  ['pi', 'Pali'],
  ['pl', 'Polska'],
  ['ps', 'Pashto'],
  ['pt', 'Portugisiska'],
  ['qu', 'Quechua'],
  ['rm', 'Retoromanska'],
  ['rn', 'Kirundi'],
  ['ro', 'Rumänska'],
  ['ru', 'Ryska'],
  ['rw', 'Kinyarwanda'],
  ['sa', 'Sanskrit'],
  ['sc', 'Sardiska'],
  ['sd', 'Sindhi'],
  ['se', 'Nordsamiska'],
  ['sg', 'Sango'],
  ['si', 'Singalesiska'],
  ['sk', 'Slovakiska'],
  ['sl', 'Slovenska'],
  ['sm', 'Samoanska'],
  ['sn', 'Shona'],
  ['so', 'Somaliska'],
  ['sq', 'Albanska'],
  ['sr', 'Serbiska'],
  ['ss', 'Swati'],
  ['st', 'Sotho'],
  ['su', 'Sundanesiska'],
  ['sv', 'Svenska'],
  ['sw', 'Swahili'],
  ['ta', 'Tamil'],
  ['te', 'Telugu'],
  ['tg', 'Tadzjikiska'],
  ['th', 'Thailändska'],
  ['ti', 'Tigrinja'],
  ['tk', 'Turkmenska'],
  ['tl', 'Tagalog'],
  ['tn', 'Tswana'],
  ['to', 'Tonganska'],
  ['tr', 'Turkiska'],
  ['ts', 'Tsonga'],
  ['tt', 'Tatariska'],
  ['tw', 'Twi'],
  ['ty', 'Tahitiska'],
  ['ug', 'Uiguriska'],
  ['uk', 'Ukrainska'],
  ['ur', 'Urdu'],
  ['uz', 'Uzbekiska'],
  ['ve', 'Venda'],
  ['vi', 'Vietnamesiska'],
  ['vo', 'Volapük'],
  ['wo', 'Wolof'],
  ['xh', 'Xhosa'],
  ['yi', 'Jiddisch'],
  ['yo', 'Yoruba'],
  ['za', 'Zhuang'],
  ['zh', 'Kinesiska'],
  ['zu', 'Zulu'],
  // ISO 639-2 (collective or no 639-1 code)
  ['arc', 'Arameiska'],
  ['bal', 'Baluchiska'],
  ['ceb', 'Cebuano'],
  ['din', 'Dinka'],
  ['haw', 'Hawaiiska'],
  ['hmn', 'Hmong'],
  ['kab', 'Kabyliska'],
  ['kok', 'Konkani'],
  ['lad', 'Ladino'],
  ['luo', 'Luo'],
  ['mad', 'Maduresiska'],
  ['mai', 'Maithili'],
  ['men', 'Mende'],
  ['mos', 'Mossi'],
  ['new', 'Newari'],
  ['rom', 'Romani'],
  ['sat', 'Santali'],
  ['sgn', 'Teckenspråk'],
  ['smi', 'Samiska'],
  ['snk', 'Soninke'],
  ['sus', 'Susu'],
  ['syr', 'Syriska'],
  ['tem', 'Timne'],
  ['tig', 'Tigre'],
  ['tyv', 'Tuvinska'],
  ['sah', 'Jakutiska'],
  // ISO 639-3
  ['cmn', 'Mandarin'],
  ['fit', 'Meänkieli'],
  ['prs', 'Dari'],
  ['ckb', 'Soranî'],
  ['kmr', 'Kurmanji'],
  ['swl', 'Svenskt teckenspråk'],
];

/** The label variants a candidate name may match (see the file comment). */
export function labelVariants(label: string): string[] {
  const variants = new Set<string>([label]);
  for (const part of label.split('/')) variants.add(part.trim());
  variants.add(label.replace(/\s*\([^)]*\)\s*$/, '').trim());
  return [...variants].filter((v) => v !== '');
}

export interface Iso639Build {
  codes: CodeListEntry[];
  matchedVariant: { code: string; name: string; label: string }[];
  unmatched: { code: string; name: string }[];
}

/** Matches the candidates against the JobTech language list. */
export function buildIso639(jobtechLanguage: Pick<CodeListFile, 'codes'>): Iso639Build {
  const byVariant = new Map<string, CodeListEntry[]>();
  for (const entry of jobtechLanguage.codes) {
    for (const v of labelVariants(entry.name)) byVariant.set(v, [...(byVariant.get(v) ?? []), entry]);
  }
  const codes: CodeListEntry[] = [];
  const matchedVariant: Iso639Build['matchedVariant'] = [];
  const unmatched: Iso639Build['unmatched'] = [];
  const seen = new Set<string>();
  for (const [code, name] of ISO_639_CANDIDATES) {
    if (seen.has(code)) throw new Error(`ISO 639-koden ${code} förekommer två gånger.`);
    seen.add(code);
    const hits = byVariant.get(name) ?? [];
    if (hits.length !== 1) {
      unmatched.push({ code, name });
      continue;
    }
    const hit = hits[0]!;
    if (hit.name !== name) matchedVariant.push({ code, name, label: hit.name });
    codes.push({
      code,
      name: hit.name,
      nameLang: 'sv',
      ...(hit.conceptId === undefined ? {} : { conceptId: hit.conceptId }),
    });
  }
  codes.sort((a, b) => compareCodePoints(a.code, b.code));
  return { codes, matchedVariant, unmatched };
}
