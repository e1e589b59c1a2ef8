import { definePolicy } from '../../http/policy.ts';

export const subjectAccessPolicy = definePolicy('subjectAccess', {
  produce: {
    roles: ['enhetschef'],
    scope: 'unit',
    description: 'Ta fram registerutdrag (GDPR art. 15) för en person i sin enhet; utdraget loggas.',
  },
});
