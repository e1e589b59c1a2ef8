import type { Tx } from '../../../db/connection.ts';

/** SQL for meetings and their attendees. */

const meetingColumns = [
  'id',
  'person_id',
  'starts_at',
  'duration_minutes',
  'place',
  'purpose',
  'status',
  'participant_attendance',
  'participant_absence_reason',
  'created_at',
] as const;

export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export async function findMeeting(
  tx: Tx,
  organisationId: string,
  personId: string,
  id: string,
  lock = false,
) {
  let q = tx
    .selectFrom('meeting')
    .select(meetingColumns)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listMeetings(tx: Tx, organisationId: string, personId: string) {
  return tx
    .selectFrom('meeting')
    .select(meetingColumns)
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

export async function listUpcomingForPerson(
  tx: Tx,
  organisationId: string,
  personId: string,
  from: Date,
  limit = 5,
) {
  return tx
    .selectFrom('meeting')
    .select(['id', 'starts_at', 'place', 'purpose'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('status', '=', 'planerat')
    .where('starts_at', '>=', from)
    .orderBy('starts_at')
    .limit(limit)
    .execute();
}

export async function listAttendees(tx: Tx, organisationId: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return [];
  return tx
    .selectFrom('meeting_attendee as a')
    .leftJoin('app_user as u', (j) =>
      j.onRef('u.organisation_id', '=', 'a.organisation_id').onRef('u.id', '=', 'a.user_id'),
    )
    .select([
      'a.meeting_id',
      'a.id',
      'a.kind',
      'a.user_id',
      'a.name',
      'u.display_name',
      'a.role',
      'a.attendance',
      'a.absence_reason',
    ])
    .where('a.organisation_id', '=', organisationId)
    .where('a.meeting_id', 'in', meetingIds)
    .orderBy('a.kind', 'desc')
    .orderBy('a.id')
    .execute();
}

export interface MeetingFields {
  startsAt: string;
  durationMinutes: number;
  place: string;
  purpose: string;
}

export async function insertMeeting(
  tx: Tx,
  m: MeetingFields & { organisationId: string; id: string; personId: string; by: string | null; at: Date },
) {
  await tx
    .insertInto('meeting')
    .values({
      organisation_id: m.organisationId,
      id: m.id,
      person_id: m.personId,
      starts_at: m.startsAt,
      duration_minutes: m.durationMinutes,
      place: m.place,
      purpose: m.purpose,
      created_by: m.by,
      created_at: m.at,
      updated_at: m.at,
    })
    .execute();
}

export async function insertAttendees(
  tx: Tx,
  organisationId: string,
  meetingId: string,
  rows: {
    id: string;
    kind: 'staff' | 'external';
    userId: string | null;
    name: string | null;
    role: string;
  }[],
) {
  if (rows.length === 0) return;
  await tx
    .insertInto('meeting_attendee')
    .values(
      rows.map((r) => ({
        organisation_id: organisationId,
        meeting_id: meetingId,
        id: r.id,
        kind: r.kind,
        user_id: r.userId,
        name: r.name,
        role: r.role,
      })),
    )
    .execute();
}

export async function updateMeeting(
  tx: Tx,
  m: MeetingFields & { organisationId: string; id: string; status: string; at: Date },
) {
  await tx
    .updateTable('meeting')
    .set({
      starts_at: m.startsAt,
      duration_minutes: m.durationMinutes,
      place: m.place,
      purpose: m.purpose,
      status: m.status,
      updated_at: m.at,
    })
    .where('organisation_id', '=', m.organisationId)
    .where('id', '=', m.id)
    .execute();
}

export async function recordParticipantAttendance(
  tx: Tx,
  a: {
    organisationId: string;
    id: string;
    attendance: string;
    absenceReason: string | null;
    by: string;
    at: Date;
  },
) {
  await tx
    .updateTable('meeting')
    .set({
      participant_attendance: a.attendance,
      participant_absence_reason: a.absenceReason,
      attendance_recorded_by: a.by,
      attendance_recorded_at: a.at,
      status: 'genomfort',
      updated_at: a.at,
    })
    .where('organisation_id', '=', a.organisationId)
    .where('id', '=', a.id)
    .execute();
}

export async function recordAttendeeAttendance(
  tx: Tx,
  a: {
    organisationId: string;
    meetingId: string;
    id: string;
    attendance: string;
    absenceReason: string | null;
  },
) {
  const r = await tx
    .updateTable('meeting_attendee')
    .set({ attendance: a.attendance, absence_reason: a.absenceReason })
    .where('organisation_id', '=', a.organisationId)
    .where('meeting_id', '=', a.meetingId)
    .where('id', '=', a.id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Active staff of the organisation with the case-work roles they hold (to invite to meetings). */
export async function listStaff(tx: Tx, organisationId: string, roles: readonly string[]) {
  return tx
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', (j) =>
      j.onRef('r.organisation_id', '=', 'u.organisation_id').onRef('r.user_id', '=', 'u.id'),
    )
    .select(['u.id', 'u.display_name', 'r.role'])
    .where('u.organisation_id', '=', organisationId)
    .where('u.active', '=', true)
    .where('r.role', 'in', [...roles])
    .execute();
}
