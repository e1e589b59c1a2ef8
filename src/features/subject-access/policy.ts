import { definePolicy } from '../../http/policy.ts';

export const subjectAccessPolicy = definePolicy('subjectAccess', {
  produce: {
    roles: ['enhetschef'],
    scope: 'unit',
    description: 'Ta fram registerutdrag (GDPR art. 15) för en person i sin enhet; utdraget loggas.',
  },
  produceByPersonnummer: {
    roles: ['enhetschef'],
    scope: 'organisation',
    description:
      'Ta fram registerutdrag från ett personnummer: för en registrerad person gäller samma kontroll som ovan; ' +
      'för en ungdom som bara finns i ansökningar om feriearbete (kommunens gemensamma verksamhet) i hela ' +
      'organisationen; utdraget loggas.',
  },
});
