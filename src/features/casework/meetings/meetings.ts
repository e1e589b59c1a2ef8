import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../context.ts';
import { notFound, ruleViolation } from '../../../http/errors.ts';
import { recordAudit } from '../../audit/record-event.ts';
import { auditFields } from '../../participants/access.ts';
import { touchPersonActivity } from '../person-activity.ts';
import { type PersonOpts, withPerson } from '../person-tx.ts';
import { caseworkPolicy } from '../policy.ts';
import { presentMeetings } from './present.ts';
import {
  findMeeting,
  insertAttendees,
  insertMeeting,
  listMeetings as listMeetingRows,
  listStaff,
  recordAttendeeAttendance,
  recordParticipantAttendance,
  updateMeeting as updateMeetingRow,
} from './repo.ts';
import {
  type AttendanceInput,
  type CreateMeetingInput,
  type MeetingView,
  STAFF_ROLES,
  type StaffView,
  type UpdateMeetingInput,
} from './schema.ts';

/** The person's meetings, earliest first, with attendees and attendance. Writes one read event. */
export async function listMeetings(
  ctx: Ctx,
  personId: string,
  opts: PersonOpts = {},
): Promise<{ meetings: MeetingView[] }> {
  return withPerson(ctx, personId, caseworkPolicy.rules.read, opts, async (tx, access) => {
    const organisationId = ctx.actor!.organisationId;
    const rows = await listMeetingRows(tx, organisationId, access.person.id);
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'read',
      objectType: 'meeting',
      objectId: undefined,
      details: { count: rows.length },
    });
    return { meetings: await presentMeetings(tx, organisationId, rows, ctx.clock.now()) };
  });
}

async function loadOne(ctx: Ctx, tx: Parameters<typeof findMeeting>[0], personId: string, id: string) {
  const organisationId = ctx.actor!.organisationId;
  const row = await findMeeting(tx, organisationId, personId, id);
  return (await presentMeetings(tx, organisationId, row ? [row] : [], ctx.clock.now()))[0]!;
}

/** Books a meeting with staff (by user and role) and external people (by name and role). */
export async function createMeeting(
  ctx: Ctx,
  personId: string,
  input: CreateMeetingInput,
  opts: PersonOpts = {},
): Promise<MeetingView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.writeContact, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const staffIds = input.attendees.flatMap((a) => (a.kind === 'staff' ? [a.userId] : []));
    if (staffIds.length > 0) {
      const staff = await listStaff(tx, actor.organisationId, STAFF_ROLES);
      const holds = new Set(staff.map((s) => `${s.id}:${s.role}`));
      const issues = input.attendees.flatMap((a, i) =>
        a.kind === 'staff' && !holds.has(`${a.userId}:${a.role}`)
          ? [
              {
                path: `body.attendees.${i}.userId`,
                message: 'Personen finns inte bland personalen med den rollen.',
              },
            ]
          : [],
      );
      if (issues.length > 0)
        throw ruleViolation(
          'unknown_staff',
          'En vald person i personalen finns inte.',
          'Unknown staff member.',
          issues,
        );
    }
    const id = randomUUID();
    await insertMeeting(tx, {
      organisationId: actor.organisationId,
      id,
      personId: access.person.id,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      place: input.place,
      purpose: input.purpose,
      by: actor.userId,
      at: now,
    });
    await insertAttendees(
      tx,
      actor.organisationId,
      id,
      input.attendees.map((a) =>
        a.kind === 'staff'
          ? { id: randomUUID(), kind: 'staff', userId: a.userId, name: null, role: a.role }
          : { id: randomUUID(), kind: 'external', userId: null, name: a.name, role: a.role },
      ),
    );
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'create',
      objectType: 'meeting',
      objectId: id,
      details: { attendees: input.attendees.length },
    });
    return loadOne(ctx, tx, access.person.id, id);
  });
}

/** Moves, changes or cancels a meeting. */
export async function updateMeeting(
  ctx: Ctx,
  personId: string,
  meetingId: string,
  input: UpdateMeetingInput,
  opts: PersonOpts = {},
): Promise<MeetingView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.writeContact, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const meeting = await findMeeting(tx, actor.organisationId, access.person.id, meetingId, true);
    if (!meeting) throw notFound();
    await updateMeetingRow(tx, { ...input, organisationId: actor.organisationId, id: meetingId, at: now });
    await touchPersonActivity(tx, actor.organisationId, access.person.id, { entryAt: now });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'update',
      objectType: 'meeting',
      objectId: meetingId,
      details: { status: input.status },
    });
    return loadOne(ctx, tx, access.person.id, meetingId);
  });
}

/**
 * Records who came. Possible once the meeting has started and unless it was cancelled; the meeting is
 * then held ("genomfört"). A participant who attended counts as a contact (person.last_contact_at).
 */
export async function recordAttendance(
  ctx: Ctx,
  personId: string,
  meetingId: string,
  input: AttendanceInput,
  opts: PersonOpts = {},
): Promise<MeetingView> {
  const now = ctx.clock.now();
  return withPerson(ctx, personId, caseworkPolicy.rules.writeContact, opts, async (tx, access) => {
    const actor = ctx.actor!;
    const meeting = await findMeeting(tx, actor.organisationId, access.person.id, meetingId, true);
    if (!meeting) throw notFound();
    if (meeting.status === 'installt') {
      throw ruleViolation(
        'meeting_cancelled',
        'Mötet är inställt. Ändra status innan du registrerar närvaro.',
        'The meeting is cancelled. Change its status before recording attendance.',
      );
    }
    const startsAt = new Date(meeting.starts_at);
    if (startsAt.getTime() > now.getTime()) {
      throw ruleViolation(
        'meeting_not_started',
        'Närvaro kan registreras först när mötet har börjat.',
        'Attendance can be recorded once the meeting has started.',
      );
    }
    await recordParticipantAttendance(tx, {
      organisationId: actor.organisationId,
      id: meetingId,
      attendance: input.participant.attendance,
      absenceReason: input.participant.attendance === 'franvarande' ? input.participant.absenceReason : null,
      by: actor.userId,
      at: now,
    });
    for (const [i, a] of input.attendees.entries()) {
      const n = await recordAttendeeAttendance(tx, {
        organisationId: actor.organisationId,
        meetingId,
        id: a.id,
        attendance: a.attendance,
        absenceReason: a.attendance === 'franvarande' ? a.absenceReason : null,
      });
      if (n === 0) {
        const message = 'Personen är inte kallad till mötet.';
        throw ruleViolation('unknown_attendee', message, 'Not an attendee of the meeting.', [
          { path: `body.attendees.${i}.id`, message },
        ]);
      }
    }
    await touchPersonActivity(tx, actor.organisationId, access.person.id, {
      entryAt: now,
      contactAt: input.participant.attendance === 'narvarande' ? startsAt : null,
    });
    await recordAudit(tx, ctx, {
      ...auditFields(access),
      action: 'update',
      objectType: 'meeting',
      objectId: meetingId,
      details: { attendance: input.participant.attendance },
    });
    return loadOne(ctx, tx, access.person.id, meetingId);
  });
}

const collator = new Intl.Collator('sv');

/** Staff who can be invited to meetings: active users with a case-work role, by name. */
export async function listMeetingStaff(ctx: Ctx): Promise<{ staff: StaffView[] }> {
  const rows = await listStaff(ctx.db, ctx.actor!.organisationId, STAFF_ROLES);
  const byUser = new Map<string, StaffView>();
  for (const r of rows) {
    const s = byUser.get(r.id) ?? { id: r.id, displayName: r.display_name, roles: [] };
    const role = r.role as StaffView['roles'][number];
    if (!s.roles.includes(role)) s.roles.push(role);
    byUser.set(r.id, s);
  }
  return { staff: [...byUser.values()].sort((a, b) => collator.compare(a.displayName, b.displayName)) };
}
