import { createTaggedPdf } from '../../../exports/pdf.ts';
import type { ActivityView, GoalView, PlanView } from './schema.ts';

/**
 * The handlingsplan printed for the participant, in plain Swedish (klarspråk): short sentences, "du",
 * and words the participant uses, not our codes.
 */

const GOAL_STATUS: Record<GoalView['status'], string> = {
  ej_paborjat: 'Inte påbörjat',
  pagar: 'Pågår',
  uppnatt: 'Klart',
  avbrutet: 'Avbrutet',
};

const ACTIVITY_STATUS: Record<ActivityView['status'], string> = {
  planerad: 'Planerad',
  pagar: 'Pågår',
  klar: 'Klar',
  avbruten: 'Avbruten',
};

const ACTIVITY_KIND: Record<ActivityView['kind'], string> = {
  praktik: 'Praktik',
  studier: 'Studier',
  sfi: 'Sfi (svenska för invandrare)',
  jobbsokande: 'Söka jobb',
  mote: 'Möte',
  annat: 'Annat',
};

const OWNER: Record<ActivityView['ownerRole'], string> = {
  deltagare: 'Du',
  handlaggare: 'Din handläggare',
  jobbmaklare: 'Jobbmäklaren',
  studie_yrkesvagledare: 'Studie- och yrkesvägledaren',
  enhetschef: 'Enhetschefen',
  annan: 'Någon annan',
};

const longDate = new Intl.DateTimeFormat('sv-SE', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const meetingTime = new Intl.DateTimeFormat('sv-SE', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Stockholm',
});

/** `2026-03-09` → `9 mars 2026`. */
export function swedishLongDate(iso: string | null): string {
  return iso ? longDate.format(new Date(`${iso}T00:00:00Z`)) : '';
}

export interface PlanPdfInput {
  participantName: string;
  caseWorkerName: string | null;
  printedOn: string;
  printedAt: Date;
  plan: PlanView;
  upcomingMeetings: { startsAt: Date; place: string; purpose: string }[];
}

export async function renderPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const { plan } = input;
  const pdf = createTaggedPdf({
    title: `Handlingsplan för ${input.participantName}`,
    subject: 'Handlingsplan',
    author: 'Arbetsmarknadsenheten',
    createdAt: input.printedAt,
  });
  pdf.h1('Din handlingsplan');
  pdf.p(`Den här planen är för dig, ${input.participantName}.`);
  pdf.p(
    'Här står dina mål och vad som ska göras för att du ska komma närmare ett arbete eller studier. ' +
      'Du och din handläggare har gjort planen tillsammans. Ni går igenom den igen vid varje uppföljning.',
  );
  const facts: string[] = [];
  if (plan.agreedOn) facts.push(`Planen gjordes ${swedishLongDate(plan.agreedOn)}.`);
  if (plan.followUpOn) facts.push(`Vi följer upp planen ${swedishLongDate(plan.followUpOn)}.`);
  facts.push(`Utskriven ${swedishLongDate(input.printedOn)}.`);
  pdf.p(facts.join(' '));

  pdf.h2('Dina mål');
  const goals = plan.goals.filter((g) => g.status !== 'avbrutet');
  if (goals.length === 0) pdf.p('Det finns inga mål i planen ännu.');
  else
    pdf.table({
      headers: ['Mål', 'Klart senast', 'Så går det'],
      widths: [3, 1.3, 1.2],
      rows: goals.map((g) => [
        g.description,
        swedishLongDate(g.targetDate) || 'Inget datum',
        GOAL_STATUS[g.status],
      ]),
    });

  pdf.h2('Det här ska göras');
  const activities = plan.activities.filter((a) => a.status !== 'avbruten');
  if (activities.length === 0) pdf.p('Det finns inga aktiviteter i planen ännu.');
  else
    pdf.table({
      headers: ['Vad', 'Typ', 'Vem gör det', 'Klart senast', 'Läge'],
      widths: [2.6, 1.3, 1.4, 1.2, 0.9],
      rows: activities.map((a) => [
        a.description,
        ACTIVITY_KIND[a.kind],
        OWNER[a.ownerRole],
        swedishLongDate(a.dueDate) || 'Inget datum',
        ACTIVITY_STATUS[a.status],
      ]),
    });

  if (input.upcomingMeetings.length > 0) {
    pdf.h2('Dina nästa möten');
    pdf.list(
      input.upcomingMeetings.map((m) => `${meetingTime.format(m.startsAt)}, ${m.place}. ${m.purpose}`),
    );
  }

  pdf.h2('Har du frågor?');
  pdf.p(
    input.caseWorkerName
      ? `Kontakta din handläggare ${input.caseWorkerName} om du har frågor om planen eller vill ändra något.`
      : 'Kontakta din handläggare om du har frågor om planen eller vill ändra något.',
  );
  pdf.p('Om du inte kan komma på en aktivitet eller ett möte: hör av dig så snart du kan.');
  return pdf.toBuffer();
}
