import { definePolicy } from '../../http/policy.ts';

/**
 * Who may do what with participants. Scope `caseload`: a handläggare reaches the persons whose case
 * worker they are, their team's, and unassigned persons in their units; the other roles reach every
 * person in the units their grant covers. Protection grades are checked on top (access.ts).
 */
export const participantsPolicy = definePolicy('participants', {
  read: {
    roles: ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef'],
    scope: 'caseload',
    description: 'Läsa deltagare i sin ärendelista, sitt team eller sin enhet.',
  },
  write: {
    roles: ['handlaggare', 'enhetschef'],
    scope: 'caseload',
    description: 'Ändra uppgifter om deltagare i sin ärendelista eller enhet.',
  },
  register: {
    roles: ['handlaggare', 'enhetschef'],
    scope: 'unit',
    description: 'Registrera nya deltagare och anvisningar i sin enhet.',
  },
  import: {
    roles: ['enhetschef'],
    scope: 'unit',
    description: 'Importera deltagare från fil till sin enhet.',
  },
  manageProtection: {
    roles: ['enhetschef'],
    scope: 'unit',
    description: 'Ändra skyddsnivå och namnge vem som får arbeta med ett skyddat ärende.',
  },
  grantProtectionPermission: {
    roles: ['administrator'],
    scope: 'organisation',
    description:
      'Administratören ger och tar bort en användares behörighet per skyddsnivå (inga ärendeuppgifter); ' +
      'enhetschefen namnger sedan vem som står på ett ärendes åtkomstlista.',
  },
});
