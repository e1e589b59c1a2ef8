import type { Context } from 'hono';
import type { z } from 'zod';
import type { Ctx, RoleGrant } from '../context.ts';
import type { AppEnv } from './env.ts';
import type { PolicyRef } from './policy.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in user, or holders of a policy permission. */
export type Access = 'public' | 'authenticated' | PolicyRef;

export interface HandlerArgs<B, Q, P> {
  ctx: Ctx;
  body: B;
  query: Q;
  params: P;
  /** The first grant that satisfied the route's policy (null for public/authenticated routes). */
  grant: RoleGrant | null;
  c: Context<AppEnv>;
}

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
}

export interface RouteDef<B = unknown, Q = unknown, P = unknown> {
  method: Method;
  /** Hono path, e.g. `/api/audit/events/:seq`. */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  responses: Record<number, ResponseDoc>;
  /**
   * Largest request body this route takes, in bytes, when it must differ from the app-wide limit
   * (file imports sent as base64). Only for paths without parameters.
   */
  maxBodyBytes?: number;
  handler: (args: HandlerArgs<B, Q, P>) => Promise<Response>;
}

/** Identity function that keeps the body/query/params types tied to their schemas. */
export function defineRoute<B = undefined, Q = undefined, P = undefined>(
  def: RouteDef<B, Q, P>,
): RouteDef<B, Q, P> {
  return def;
}

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of routes; each was type-checked at definition
export type AnyRoute = RouteDef<any, any, any>;

/** Body limit for routes that take an uploaded file as base64 (about 30 MB of file). */
export const FILE_UPLOAD_BODY_LIMIT = 40 * 1024 * 1024;
