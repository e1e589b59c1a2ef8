import { journalRoutes } from './journal/routes.ts';
import { kartlaggningRoutes } from './kartlaggning/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { planRoutes } from './plan/routes.ts';
import { referralRoutes } from './referrals/routes.ts';

/** Every case-work route: anvisningar, kartläggning, handlingsplan, meetings, journal, forms. */
export const caseworkRoutes = [
  ...referralRoutes,
  ...kartlaggningRoutes,
  ...planRoutes,
  ...meetingRoutes,
  ...journalRoutes,
];
