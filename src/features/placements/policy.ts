import { definePolicy } from '../../http/policy.ts';

/**
 * Placements are person-scoped: the route checks the role, and every use case then authorises the
 * person with `authorizePerson` (unit, caseload, protection grade) inside its transaction.
 */
export const placementsPolicy = definePolicy('placements', {
  read: {
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    scope: 'caseload',
    description: 'Se placeringar och närvaro för deltagare i sin ärendelista eller enhet.',
  },
  write: {
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    scope: 'caseload',
    description: 'Planera, ändra och avbryta placeringar för deltagare i sin ärendelista eller enhet.',
  },
  recordConsent: {
    roles: ['handlaggare', 'enhetschef'],
    scope: 'caseload',
    description: 'Registrera deltagarens samtycke till att arbetsplatsen får se namnet.',
  },
  recordAttendance: {
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    scope: 'caseload',
    description: 'Registrera och importera närvaro per vecka för placeringar.',
  },
  readAbsence: {
    roles: ['handlaggare', 'enhetschef', 'jobbmaklare'],
    scope: 'caseload',
    description: 'Se frånvaro per deltagare och period.',
  },
});
