import { definePolicy } from '../../http/policy.ts';

/**
 * Summer jobs (ferieverksamhet). Staff set up seasons, run the allocation and publish offers;
 * supervisors (handledare) see and act only on the workplaces they are linked to, which each use case
 * checks against `summer_workplace_user`. The application e-service itself is public (no login).
 */
export const summerJobsPolicy = definePolicy('summerJobs', {
  read: {
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef', 'administrator'],
    scope: 'organisation',
    description: 'Se säsonger, platser, ansökningar, körningar och erbjudanden för feriearbete.',
  },
  manage: {
    roles: ['jobbmaklare', 'enhetschef', 'administrator'],
    scope: 'organisation',
    description: 'Lägga upp säsonger och platser, köra fördelningen, publicera och hantera erbjudanden.',
  },
  statistics: {
    roles: ['jobbmaklare', 'enhetschef', 'analytiker', 'administrator'],
    scope: 'organisation',
    description: 'Se statistik för feriearbete (små tal undertryckta).',
  },
  reportHours: {
    roles: ['handledare', 'jobbmaklare', 'enhetschef'],
    scope: 'organisation',
    description: 'Rapportera timmar per ungdom och period (handledare: bara egen arbetsplats).',
  },
  supervise: {
    roles: ['handledare'],
    scope: 'organisation',
    description: 'Handledare: se sina egna ferieplatser och rapportera timmar.',
  },
});
