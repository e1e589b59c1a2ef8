import { definePolicy } from '../../http/policy.ts';

export const adminPolicy = definePolicy('admin', {
  readOrganisation: {
    roles: ['administrator'],
    scope: 'organisation',
    description: 'Administratören ser organisationens enheter och användare, men inga ärenden.',
  },
});
