import { definePolicy } from '../../http/policy.ts';

/**
 * Workplaces (arbetsplatser) are the organisation's shared register: jobbmäklare keep it, case
 * workers and unit managers read it when they plan placements. No participant data lives here.
 */
export const workplacesPolicy = definePolicy('workplaces', {
  read: {
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    scope: 'organisation',
    description: 'Läsa organisationens arbetsplatser, handledare, avtal och platser.',
  },
  manage: {
    roles: ['jobbmaklare'],
    scope: 'organisation',
    description: 'Registrera och ändra arbetsplatser, handledare, avtal, kontroller och platser.',
  },
});
