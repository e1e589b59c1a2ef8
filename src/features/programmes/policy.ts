import { definePolicy } from '../../http/policy.ts';

export const programmesPolicy = definePolicy('programmes', {
  read: {
    roles: [
      'handlaggare',
      'jobbmaklare',
      'studie_yrkesvagledare',
      'enhetschef',
      'analytiker',
      'administrator',
    ],
    scope: 'organisation',
    description: 'Se insatskatalogen, faser, kapacitet och intag (inga personuppgifter).',
  },
  manage: {
    roles: ['enhetschef', 'administrator'],
    scope: 'organisation',
    description: 'Lägga upp och ändra insatser, faser, kapacitet och intag.',
  },
  viewBoard: {
    roles: ['handlaggare', 'enhetschef', 'studie_yrkesvagledare'],
    scope: 'organisation',
    description: 'Se intagstavlan med platser kvar och väntelista (synliga deltagare).',
  },
});
