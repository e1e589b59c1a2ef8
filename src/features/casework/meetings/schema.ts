import { z } from 'zod';
import { optionalText, requiredText, uuid } from '../http.ts';

export const MEETING_STATUSES = ['planerat', 'genomfort', 'installt'] as const;
export const ATTENDANCE = ['narvarande', 'franvarande'] as const;
export const STAFF_ROLES = ['handlaggare', 'jobbmaklare', 'studie_yrkesvagledare', 'enhetschef'] as const;

const startsAt = z.iso.datetime({ offset: true, message: 'Ange datum och tid för mötet.' });
const duration = z.int({ message: 'Ange mötets längd i minuter.' }).min(5).max(600).default(60);

const attendeeInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('staff'),
    userId: uuid,
    role: z.enum(STAFF_ROLES, { message: 'Välj personalens roll.' }),
  }),
  z.strictObject({
    kind: z.literal('external'),
    name: requiredText(200, 'Ange namnet på den externa deltagaren.'),
    role: requiredText(200, 'Ange den externa deltagarens roll, till exempel arbetsgivare.'),
  }),
]);

export const createMeetingBody = z.strictObject({
  startsAt,
  durationMinutes: duration,
  place: requiredText(300, 'Ange var mötet hålls.'),
  purpose: requiredText(1000, 'Ange syftet med mötet.'),
  attendees: z.array(attendeeInput).max(20).default([]),
});
export type CreateMeetingInput = z.infer<typeof createMeetingBody>;

export const updateMeetingBody = z.strictObject({
  startsAt,
  durationMinutes: duration,
  place: requiredText(300, 'Ange var mötet hålls.'),
  purpose: requiredText(1000, 'Ange syftet med mötet.'),
  status: z.enum(MEETING_STATUSES, { message: 'Välj mötets status.' }),
});
export type UpdateMeetingInput = z.infer<typeof updateMeetingBody>;

const attendanceEntry = {
  attendance: z.enum(ATTENDANCE, { message: 'Välj närvarande eller frånvarande.' }),
  absenceReason: optionalText(500),
};
const needsReason = (v: { attendance: string; absenceReason: string | null }, ctx: z.RefinementCtx) => {
  if (v.attendance === 'franvarande' && !v.absenceReason)
    ctx.addIssue({ code: 'custom', path: ['absenceReason'], message: 'Ange orsaken till frånvaron.' });
};

export const attendanceBody = z.strictObject({
  participant: z.strictObject(attendanceEntry).superRefine(needsReason),
  attendees: z
    .array(z.strictObject({ id: uuid, ...attendanceEntry }).superRefine(needsReason))
    .max(20)
    .default([]),
});
export type AttendanceInput = z.infer<typeof attendanceBody>;

export const attendeeView = z.object({
  id: z.string(),
  kind: z.enum(['staff', 'external']),
  userId: z.string().nullable(),
  name: z.string(),
  role: z.string(),
  attendance: z.enum(ATTENDANCE).nullable(),
  absenceReason: z.string().nullable(),
});

export const meetingView = z.object({
  id: z.string(),
  personId: z.string(),
  startsAt: z.string(),
  durationMinutes: z.number(),
  place: z.string(),
  purpose: z.string(),
  status: z.enum(MEETING_STATUSES),
  upcoming: z.boolean(),
  participantAttendance: z.enum(ATTENDANCE).nullable(),
  participantAbsenceReason: z.string().nullable(),
  attendees: z.array(attendeeView),
  createdAt: z.string(),
});
export type MeetingView = z.infer<typeof meetingView>;

export const staffView = z.object({
  id: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
});
export type StaffView = z.infer<typeof staffView>;
