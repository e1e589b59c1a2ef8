import { adminPolicy } from '../features/admin/policy.ts';
import { adminRoutes } from '../features/admin/routes.ts';
import { auditPolicy } from '../features/audit/policy.ts';
import { auditRoutes } from '../features/audit/routes.ts';
import { authRoutes } from '../features/auth/routes.ts';
import { participantsPolicy } from '../features/participants/policy.ts';
import { programmesPolicy } from '../features/programmes/policy.ts';
import { programmeRoutes } from '../features/programmes/routes.ts';
import { subjectAccessPolicy } from '../features/subject-access/policy.ts';
import { subjectAccessRoutes } from '../features/subject-access/routes.ts';
import type { Policy } from './policy.ts';
import type { AnyRoute } from './registry.ts';

/** Every API route of the application. The access test and OpenAPI document enumerate this list. */
export const allRoutes: AnyRoute[] = [
  ...authRoutes,
  ...auditRoutes,
  ...adminRoutes,
  ...programmeRoutes,
  ...subjectAccessRoutes,
];

/** Every feature's policy table. */
export const allPolicies: Policy<string>[] = [
  auditPolicy,
  adminPolicy,
  participantsPolicy,
  programmesPolicy,
  subjectAccessPolicy,
];
