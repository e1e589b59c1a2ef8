import { z } from 'zod';
import type { AnyRoute } from './registry.ts';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

/** Converts `/api/x/:id` to `/api/x/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** OpenAPI 3.1 document generated from the same zod schemas that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (js.required ?? []).includes(name),
          schema: s,
        });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method}${p.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      'x-access': typeof r.access === 'string' ? r.access : r.access.permission,
      ...(typeof r.access === 'object'
        ? { 'x-roles': r.access.rule.roles, 'x-scope': r.access.rule.scope }
        : {}),
      security: r.access === 'public' ? [] : [{ session: [] }],
      parameters,
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([status, doc]) => [
          status,
          {
            description: doc.description,
            ...(doc.schema ? { content: { 'application/json': { schema: jsonSchema(doc.schema) } } } : {}),
          },
        ]),
      ),
    };
    if (r.body)
      op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } };
    paths[p] = { ...(paths[p] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Insats API',
      version,
      description:
        'JSON-API för Insats. Fel har formen {"error":{"code","message"}}. Ändrande anrop kräver X-CSRF-Token från /api/auth/me.',
    },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: '__Host-insats_session' } },
    },
    paths,
  };
}
