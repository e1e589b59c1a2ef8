import type { Clock } from './clock.ts';
import type { Db } from './db/connection.ts';

export const ROLES = [
  'handlaggare',
  'jobbmaklare',
  'studie_yrkesvagledare',
  'enhetschef',
  'analytiker',
  'administrator',
  'granskare',
  'handledare',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  unitId: string;
}

/** The signed-in user as the server knows them for one request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  organisationId: string;
  roles: RoleGrant[];
  /** Units the user's grants cover, each grant's unit with all units below it. */
  unitScope: Map<Role, Set<string>>;
  sessionIdHash: string | null;
}

export type Lang = 'sv' | 'en';

/** What every use case gets: the database, time, who asks, and where the request came from. */
export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor | null;
  requestId: string;
  clientAddress: string | null;
  lang: Lang;
}
