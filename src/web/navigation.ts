import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { MessageKey } from './i18n/index.tsx';
import { hasAnyRole, type RoleCode, type User } from './types.ts';

/**
 * One entry per signed-in area of the app. This list is the single place to register a page:
 * App.tsx creates a guarded route for each entry, the header menu shows the entries the user may
 * reach, and the start page shows a card for each entry that has a `descriptionKey`.
 */
export interface AppRoute {
  /** Absolute path, Swedish and lower case (e.g. '/deltagare'). Also the menu link target. */
  path: string;
  /** Menu label and card title; add the key to i18n/sv.ts and i18n/en.ts. */
  labelKey: MessageKey;
  /** If set, the start page shows a card with this text linking to the area. */
  descriptionKey?: MessageKey;
  /** Roles allowed to see the area (any of them). Left out = every signed-in user. */
  roles?: readonly RoleCode[];
  /** Set false to register the route without a menu item. Default true. */
  inNavigation?: boolean;
  /**
   * Set true when the page has sub-pages of its own (it then receives `path/*` and renders its
   * own `<Routes>` for e.g. '/deltagare/:id').
   */
  nested?: boolean;
  /** The page, loaded on demand so each area becomes its own bundle chunk. */
  Component: LazyExoticComponent<ComponentType>;
}

/** `lazy()` for a named export: `page(() => import('./pages/x/XPage.tsx'), 'XPage')`. */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const appRoutes: readonly AppRoute[] = [
  {
    path: '/',
    labelKey: 'nav.start',
    Component: page(() => import('./pages/start/StartPage.tsx'), 'StartPage'),
  },
  {
    path: '/deltagare',
    labelKey: 'nav.participants',
    descriptionKey: 'start.card.participants',
    roles: ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef'],
    nested: true,
    Component: page(() => import('./pages/participants/ParticipantsPage.tsx'), 'ParticipantsPage'),
  },
  {
    path: '/ferie',
    labelKey: 'nav.summerJobs',
    descriptionKey: 'start.card.summerJobs',
    roles: ['jobbmaklare', 'enhetschef', 'administrator'],
    Component: page(() => import('./pages/summer-jobs/SummerJobsPage.tsx'), 'SummerJobsPage'),
  },
  {
    path: '/ferie/timmar',
    labelKey: 'nav.summerHours',
    descriptionKey: 'start.card.summerHours',
    roles: ['handledare'],
    Component: page(() => import('./pages/summer-jobs/SupervisorHoursPage.tsx'), 'SupervisorHoursPage'),
  },
  {
    path: '/granskning',
    labelKey: 'nav.audit',
    descriptionKey: 'start.card.audit',
    roles: ['granskare'],
    Component: page(() => import('./pages/audit/AuditLogPage.tsx'), 'AuditLogPage'),
  },
  {
    path: '/organisation',
    labelKey: 'nav.organisation',
    descriptionKey: 'start.card.organisation',
    roles: ['administrator'],
    Component: page(() => import('./pages/admin/OrganisationPage.tsx'), 'OrganisationPage'),
  },
  {
    path: '/kartlaggningsformular',
    labelKey: 'nav.kartlaggningForms',
    descriptionKey: 'start.card.kartlaggningForms',
    roles: ['administrator', 'enhetschef'],
    Component: page(() => import('./pages/casework/KartlaggningFormsPage.tsx'), 'KartlaggningFormsPage'),
  },
  {
    path: '/rapporter',
    labelKey: 'nav.reports',
    descriptionKey: 'start.card.reports',
    roles: [
      'handlaggare',
      'jobbmaklare',
      'studie_yrkesvagledare',
      'enhetschef',
      'analytiker',
      'administrator',
    ],
    Component: page(() => import('./pages/reports/ReportsPage.tsx'), 'ReportsPage'),
  },
  {
    path: '/rapporter/oversikt',
    labelKey: 'nav.dashboard',
    inNavigation: false,
    roles: [
      'handlaggare',
      'jobbmaklare',
      'studie_yrkesvagledare',
      'enhetschef',
      'analytiker',
      'administrator',
    ],
    Component: page(() => import('./pages/reports/DashboardPage.tsx'), 'DashboardPage'),
  },
  {
    path: '/ekonomi',
    labelKey: 'nav.finance',
    descriptionKey: 'start.card.finance',
    roles: ['enhetschef', 'analytiker', 'administrator'],
    Component: page(() => import('./pages/finance/FinancePage.tsx'), 'FinancePage'),
  },
  {
    path: '/program',
    labelKey: 'nav.programmes',
    descriptionKey: 'start.card.programmes',
    roles: [
      'handlaggare',
      'jobbmaklare',
      'studie_yrkesvagledare',
      'enhetschef',
      'analytiker',
      'administrator',
    ],
    nested: true,
    Component: page(() => import('./pages/programmes/ProgrammesPage.tsx'), 'ProgrammesPage'),
  },
  {
    path: '/arbetsplatser',
    labelKey: 'nav.workplaces',
    descriptionKey: 'start.card.workplaces',
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    nested: true,
    Component: page(() => import('./pages/workplaces/WorkplacesPage.tsx'), 'WorkplacesPage'),
  },
  {
    path: '/placeringar',
    labelKey: 'nav.placements',
    descriptionKey: 'start.card.placements',
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    nested: true,
    Component: page(() => import('./pages/placements/PlacementsPage.tsx'), 'PlacementsPage'),
  },
  {
    path: '/narvaro',
    labelKey: 'nav.attendance',
    descriptionKey: 'start.card.attendance',
    roles: ['jobbmaklare', 'handlaggare', 'enhetschef'],
    Component: page(() => import('./pages/placements/AttendancePage.tsx'), 'AttendancePage'),
  },
  {
    path: '/registerutdrag',
    labelKey: 'nav.subjectAccess',
    descriptionKey: 'start.card.subjectAccess',
    roles: ['enhetschef'],
    Component: page(() => import('./pages/subject-access/RegisterutdragPage.tsx'), 'RegisterutdragPage'),
  },
  {
    path: '/gallring',
    labelKey: 'nav.gallring',
    descriptionKey: 'start.card.gallring',
    roles: ['administrator', 'granskare'],
    Component: page(() => import('./pages/gallring/GallringPage.tsx'), 'GallringPage'),
  },
];

/** Menu entries the user may reach, in list order. */
export function visibleNavigation(user: User): AppRoute[] {
  return appRoutes.filter((route) => route.inNavigation !== false && hasAnyRole(user, route.roles));
}

/** Start-page cards for the areas the user may reach. */
export function startPageAreas(user: User): AppRoute[] {
  return appRoutes.filter((route) => route.descriptionKey !== undefined && hasAnyRole(user, route.roles));
}
