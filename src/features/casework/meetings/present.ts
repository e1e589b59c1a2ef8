import type { Tx } from '../../../db/connection.ts';
import { listAttendees, type MeetingRow } from './repo.ts';
import type { MeetingView } from './schema.ts';

type AttendeeRow = Awaited<ReturnType<typeof listAttendees>>[number];

/** Allow-list of meeting fields; staff attendees are shown by their current display name. */
export function presentMeeting(m: MeetingRow, attendees: AttendeeRow[], now: Date): MeetingView {
  const startsAt = new Date(m.starts_at);
  return {
    id: m.id,
    personId: m.person_id,
    startsAt: startsAt.toISOString(),
    durationMinutes: m.duration_minutes,
    place: m.place,
    purpose: m.purpose,
    status: m.status as MeetingView['status'],
    upcoming: m.status === 'planerat' && startsAt.getTime() >= now.getTime(),
    participantAttendance: m.participant_attendance as MeetingView['participantAttendance'],
    participantAbsenceReason: m.participant_absence_reason,
    attendees: attendees
      .filter((a) => a.meeting_id === m.id)
      .map((a) => ({
        id: a.id,
        kind: a.kind as 'staff' | 'external',
        userId: a.user_id,
        name: (a.kind === 'staff' ? a.display_name : a.name) ?? '',
        role: a.role,
        attendance: a.attendance as MeetingView['participantAttendance'],
        absenceReason: a.absence_reason,
      })),
    createdAt: new Date(m.created_at).toISOString(),
  };
}

export async function presentMeetings(tx: Tx, organisationId: string, rows: MeetingRow[], now: Date) {
  const attendees = await listAttendees(
    tx,
    organisationId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentMeeting(r, attendees, now));
}
