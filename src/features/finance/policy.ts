import { definePolicy } from '../../http/policy.ts';

export const financePolicy = definePolicy('finance', {
  read: {
    roles: ['enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description:
      'Se budget, utfall, avvikelse och prognos per insats samt socioekonomisk bedömning (inga personuppgifter).',
  },
  manage: {
    roles: ['enhetschef', 'administrator'],
    scope: 'organisation',
    description:
      'Registrera budget och utfall, importera bokföring och ändra konto- och kostnadsställemappning.',
  },
  manageParameters: {
    roles: ['analytiker', 'administrator'],
    scope: 'organisation',
    description: 'Lägga in och ändra parametrar för socioekonomisk bedömning (årsversionerade, med källa).',
  },
  export: {
    roles: ['enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description: 'Exportera socioekonomisk bedömning som PDF eller Excel (loggas).',
  },
});
