import { definePolicy } from '../../http/policy.ts';

export const gallringPolicy = definePolicy('gallring', {
  manage: {
    roles: ['administrator'],
    scope: 'organisation',
    description: 'Lägga upp, ändra och ta bort gallringsregler (från nämndens gallringsbeslut).',
  },
  run: {
    roles: ['administrator'],
    scope: 'organisation',
    description:
      'Provköra gallring (listar personer vars akter ska gallras; loggas) och verkställa en provkörning samma dag.',
  },
  mark: {
    roles: ['administrator'],
    scope: 'organisation',
    description: 'Markera en person med en undantagskategori som aldrig gallras automatiskt.',
  },
  viewRuns: {
    roles: ['administrator', 'granskare'],
    scope: 'organisation',
    description: 'Se gallringsregler och genomförda körningar (antal per akttyp, inga personuppgifter).',
  },
});
