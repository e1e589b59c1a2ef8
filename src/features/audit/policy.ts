import { definePolicy } from '../../http/policy.ts';

export const auditPolicy = definePolicy('audit', {
  readLog: {
    roles: ['granskare'],
    scope: 'organisation',
    description: 'Granskare läser organisationens loggar; läsningen loggas i sin tur.',
  },
});
