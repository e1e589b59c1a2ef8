import { randomUUID } from 'node:crypto';
import type { Ctx, Role } from '../../context.ts';
import { ROLES } from '../../context.ts';
import { recordAudit } from '../audit/record-event.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import { insertRoles, insertUser } from './repo.ts';

export interface CreateUserInput {
  organisationId: string;
  username: string;
  displayName: string;
  email?: string;
  password?: string;
  roles: { role: Role; unitId: string }[];
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<{ userId: string }> {
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`);
  }
  for (const r of input.roles) {
    if (!ROLES.includes(r.role)) throw new Error(`Okänd roll: ${r.role}`);
  }
  const userId = randomUUID();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  await ctx.db.transaction().execute(async (tx) => {
    await insertUser(tx, {
      organisationId: input.organisationId,
      id: userId,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash,
    });
    await insertRoles(tx, input.organisationId, userId, input.roles);
    await recordAudit(tx, ctx, {
      action: 'create',
      organisationId: input.organisationId,
      objectType: 'user',
      objectId: userId,
      details: { roles: input.roles.map((r) => r.role) },
    });
  });
  return { userId };
}
