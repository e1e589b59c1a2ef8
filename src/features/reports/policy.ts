import { definePolicy } from '../../http/policy.ts';

/**
 * Reports show counts of people, never persons. Figures are small-cell suppressed for everyone;
 * only an enhetschef may ask for unsuppressed internal figures, and only for units their grant
 * covers (checked by the use case against the units in the report's population). Exports are
 * always suppressed.
 */
export const reportsPolicy = definePolicy('reports', {
  view: {
    roles: [
      'handlaggare',
      'jobbmaklare',
      'studie_yrkesvagledare',
      'enhetschef',
      'analytiker',
      'administrator',
    ],
    scope: 'organisation',
    description: 'Se rapporter (utfall, uppföljning) med röjandekontroll.',
  },
  viewUnsuppressed: {
    roles: ['enhetschef'],
    scope: 'unit',
    description: 'Se interna siffror utan röjandekontroll för enheter man är chef för (inte i export).',
  },
  export: {
    roles: ['enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description: 'Exportera rapporter (CSV, Excel, PDF), alltid med röjandekontroll.',
  },
  exportScb: {
    roles: ['enhetschef', 'administrator'],
    scope: 'organisation',
    description: 'Ta ut SCB:s månadsfil för ESF (personnummer; skyddade personer med ersättningsnummer).',
  },
  writeText: {
    roles: ['handlaggare', 'enhetschef', 'analytiker'],
    scope: 'organisation',
    description: 'Skriva rapportens fritextavsnitt och ange kostnadsutfall (reservlösning).',
  },
  importStatistics: {
    roles: ['enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description:
      'Importera månadsstatistik till översikten (ansökningar om försörjningsstöd, Arbetsförmedlingens statistik).',
  },
  setGoal: {
    roles: ['enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description: 'Sätta målen som visas som linjer i översikten (t.ex. andel arbetslösa under 10 %).',
  },
  manage: {
    roles: ['administrator'],
    scope: 'organisation',
    description: 'Ändra gränsvärdet för röjandekontroll och bygga om utfallstabellen.',
  },
});
