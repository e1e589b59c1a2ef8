import { definePolicy } from '../../http/policy.ts';
import { participantsPolicy } from '../participants/policy.ts';

/**
 * Who may do what in case work on one person. Person-scoped rules reuse the participants rules (the
 * same caseload, unit and protection checks through `authorizePerson`); contact work (journal notes,
 * meetings) is open to every role that works with the person. Form management is organisation-wide.
 */
export const caseworkPolicy = definePolicy('casework', {
  read: participantsPolicy.rules.read,
  write: participantsPolicy.rules.write,
  writeContact: {
    roles: ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef'],
    scope: 'caseload',
    description: 'Skriva journalanteckningar och boka möten för deltagare man arbetar med.',
  },
  readForms: {
    roles: ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef', 'administrator'],
    scope: 'organisation',
    description: 'Se organisationens kartläggningsformulär och deras versioner.',
  },
  manageForms: {
    roles: ['administrator', 'enhetschef'],
    scope: 'organisation',
    description: 'Skapa och ändra kartläggningsformulär (varje ändring blir en ny version).',
  },
});
