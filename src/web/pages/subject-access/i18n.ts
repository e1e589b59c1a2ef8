/**
 * UI text of the registerutdrag page's menu entry and start card, spread into i18n/sv.ts and
 * i18n/en.ts. `subjectAccessEn` must have exactly the Swedish keys. The page itself is in Swedish.
 */
export const subjectAccessSv = {
  'nav.subjectAccess': 'Registerutdrag',
  'start.card.subjectAccess':
    'Ta fram registerutdrag från ett personnummer, också för ungdomar som bara har ansökt om feriearbete.',
} as const;

export const subjectAccessEn: Record<keyof typeof subjectAccessSv, string> = {
  'nav.subjectAccess': 'Subject access',
  'start.card.subjectAccess':
    'Produce a subject-access extract from a personal identity number, also for youths who only applied for a summer job.',
};
