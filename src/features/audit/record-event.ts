import type { Ctx, Role } from '../../context.ts';
import type { Tx } from '../../db/connection.ts';
import { appendEvent, appendEvents } from './repo.ts';

export type AuditAction =
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  | 'export'
  | 'print'
  | 'import'
  | 'login'
  | 'logout'
  | 'deny';

export interface AuditInput {
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
  subjectPersonId?: string;
  /** Required when the subject has a protected identity; the caller enforces it. */
  purpose?: string;
  severity?: 'normal' | 'raised';
  /** The grant that authorised the action, when there was one. */
  role?: Role;
  unitId?: string;
  details?: Record<string, unknown>;
  /** Defaults to the actor's organisation; events without either go to the system organisation. */
  organisationId?: string;
  /** For events before a session exists (login): who it is about. */
  actorUserId?: string;
  actorUsername?: string;
}

export const SYSTEM_ORGANISATION_ID = '00000000-0000-0000-0000-000000000000';

/** Writes an audit event in `tx`, the transaction of the change it records. */
export async function recordAudit(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'clientAddress'>,
  input: AuditInput,
) {
  const actor = ctx.actor;
  return appendEvent(tx, {
    organisationId: input.organisationId ?? actor?.organisationId ?? SYSTEM_ORGANISATION_ID,
    occurredAt: ctx.clock.now().toISOString(),
    actorUserId: input.actorUserId ?? actor?.userId ?? null,
    actorUsername: input.actorUsername ?? actor?.username ?? null,
    role: input.role ?? null,
    unitId: input.unitId ?? null,
    subjectPersonId: input.subjectPersonId ?? null,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    action: input.action,
    outcome: input.outcome ?? 'success',
    severity: input.severity ?? 'normal',
    requestId: ctx.requestId,
    clientAddress: ctx.clientAddress,
    purpose: input.purpose ?? null,
    details: input.details ?? {},
  });
}

/**
 * Writes many audit events of the actor's organisation in `tx`, in the given order, as one chain
 * segment (bulk imports: one event per person created). Same fields and defaults as {@link recordAudit}.
 */
export async function recordAuditMany(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'clock' | 'requestId' | 'clientAddress'>,
  inputs: AuditInput[],
): Promise<void> {
  const actor = ctx.actor;
  const organisationId = actor?.organisationId ?? SYSTEM_ORGANISATION_ID;
  if (inputs.some((i) => (i.organisationId ?? organisationId) !== organisationId)) {
    throw new Error('recordAuditMany: alla händelser måste höra till samma organisation.');
  }
  const occurredAt = ctx.clock.now().toISOString();
  await appendEvents(
    tx,
    organisationId,
    inputs.map((input) => ({
      occurredAt,
      actorUserId: input.actorUserId ?? actor?.userId ?? null,
      actorUsername: input.actorUsername ?? actor?.username ?? null,
      role: input.role ?? null,
      unitId: input.unitId ?? null,
      subjectPersonId: input.subjectPersonId ?? null,
      objectType: input.objectType ?? null,
      objectId: input.objectId ?? null,
      action: input.action,
      outcome: input.outcome ?? 'success',
      severity: input.severity ?? 'normal',
      requestId: ctx.requestId,
      clientAddress: ctx.clientAddress,
      purpose: input.purpose ?? null,
      details: input.details ?? {},
    })),
  );
}
