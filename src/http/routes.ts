import { adminPolicy } from '../features/admin/policy.ts';
import { adminRoutes } from '../features/admin/routes.ts';
import { auditPolicy } from '../features/audit/policy.ts';
import { auditRoutes } from '../features/audit/routes.ts';
import { authRoutes } from '../features/auth/routes.ts';
import { caseworkPolicy } from '../features/casework/policy.ts';
import { caseworkRoutes } from '../features/casework/routes.ts';
import { financePolicy } from '../features/finance/policy.ts';
import { financeRoutes } from '../features/finance/routes.ts';
import { gallringPolicy } from '../features/gallring/policy.ts';
import { gallringRoutes } from '../features/gallring/routes.ts';
import { participantsPolicy } from '../features/participants/policy.ts';
import { participantRoutes } from '../features/participants/routes.ts';
import { placementsPolicy } from '../features/placements/policy.ts';
import { placementRoutes } from '../features/placements/routes.ts';
import { programmesPolicy } from '../features/programmes/policy.ts';
import { programmeRoutes } from '../features/programmes/routes.ts';
import { reportsPolicy } from '../features/reports/policy.ts';
import { reportRoutes } from '../features/reports/routes.ts';
import { subjectAccessPolicy } from '../features/subject-access/policy.ts';
import { subjectAccessRoutes } from '../features/subject-access/routes.ts';
import { summerJobsPolicy } from '../features/summer-jobs/policy.ts';
import { summerJobsRoutes } from '../features/summer-jobs/routes.ts';
import { workplacesPolicy } from '../features/workplaces/policy.ts';
import { workplaceRoutes } from '../features/workplaces/routes.ts';
import type { Policy } from './policy.ts';
import type { AnyRoute } from './registry.ts';

/** Every API route of the application. The access test and OpenAPI document enumerate this list. */
export const allRoutes: AnyRoute[] = [
  ...authRoutes,
  ...auditRoutes,
  ...adminRoutes,
  ...caseworkRoutes,
  ...programmeRoutes,
  ...participantRoutes,
  ...workplaceRoutes,
  ...placementRoutes,
  ...financeRoutes,
  ...reportRoutes,
  ...subjectAccessRoutes,
  ...gallringRoutes,
  ...summerJobsRoutes,
];

/** Every feature's policy table. */
export const allPolicies: Policy<string>[] = [
  auditPolicy,
  adminPolicy,
  caseworkPolicy,
  participantsPolicy,
  programmesPolicy,
  workplacesPolicy,
  placementsPolicy,
  financePolicy,
  reportsPolicy,
  subjectAccessPolicy,
  gallringPolicy,
  summerJobsPolicy,
];
