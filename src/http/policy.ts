import type { Actor, Role, RoleGrant } from '../context.ts';

/**
 * Authorization is a table: each feature declares which roles may do what, on which scope.
 * - organisation: any grant of the role in the user's organisation
 * - unit: a grant of the role on the target unit or a unit above it
 * - caseload: as unit, narrowed by the use case to the user's own and team's cases
 */
export type Scope = 'organisation' | 'unit' | 'caseload';

export interface PolicyRule {
  roles: readonly Role[];
  scope: Scope;
  description: string;
}

export interface PolicyRef {
  permission: string;
  rule: PolicyRule;
}

export interface Policy<K extends string> {
  area: string;
  rules: Record<K, PolicyRule>;
  ref(name: K): PolicyRef;
}

export function definePolicy<K extends string>(area: string, rules: Record<K, PolicyRule>): Policy<K> {
  return {
    area,
    rules,
    ref: (name) => ({ permission: `${area}.${name}`, rule: rules[name] }),
  };
}

/** The grants of the actor that satisfy a rule, optionally for one target unit. */
export function grantsFor(actor: Actor, rule: PolicyRule, unitId?: string): RoleGrant[] {
  return actor.roles.filter((g) => {
    if (!rule.roles.includes(g.role)) return false;
    if (unitId === undefined || rule.scope === 'organisation') return true;
    return actor.unitScope.get(g.role)?.has(unitId) ?? false;
  });
}

/** Units (ids) below and including each of the given roots, from a parent map. */
export function expandUnits(
  roots: Iterable<string>,
  units: { id: string; parent_id: string | null }[],
): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  }
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
