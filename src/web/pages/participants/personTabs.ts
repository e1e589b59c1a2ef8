import type { ComponentType } from 'react';
import type { MessageKey } from '../../i18n/index.tsx';
import type { RoleCode } from '../../types.ts';
import { JournalTab } from '../casework/JournalTab.tsx';
import { KartlaggningTab } from '../casework/KartlaggningTab.tsx';
import { MeetingsTab } from '../casework/MeetingsTab.tsx';
import { PlanTab } from '../casework/PlanTab.tsx';
import { ReferralsTab } from '../casework/ReferralsTab.tsx';
import { EnrolmentsTab } from '../programmes/EnrolmentsTab.tsx';
import type { PersonView } from './api.ts';
import { OverviewTab } from './OverviewTab.tsx';

/** What every tab on the person page gets. */
export interface PersonTabProps {
  personId: string;
  /**
   * The purpose the user gave for opening a protected person (null otherwise). Send it with every
   * request about the person: header `X-Insats-Purpose` (percent-encoded, see `purposeHeaders` in
   * ./api.ts) or, for plain links, the `purpose` query parameter.
   */
  purpose: string | null;
  /** The person as the presenter shows it to this user (role-dependent fields). */
  person: PersonView;
  /** Reload the person (e.g. after a change that affects the header or the overview). */
  reload: () => void;
}

export interface PersonTab {
  /** URL segment: `/deltagare/:id/<key>`; the first tab is also `/deltagare/:id`. */
  key: string;
  labelKey: MessageKey;
  Component: ComponentType<PersonTabProps>;
  /** Roles that see the tab (any of them); left out = everyone who may open the person. */
  roles?: readonly RoleCode[];
}

/**
 * The person page's tabs, in order. Other areas append theirs (case work: anvisning, kartläggning,
 * handlingsplan, möten, journal), e.g. `{ key: 'journal', labelKey: 'casework.journal.title',
 * Component: JournalTab }`; add the label key to i18n/sv.ts and en.ts.
 */
export const personTabs: PersonTab[] = [
  { key: 'oversikt', labelKey: 'participants.tab.overview', Component: OverviewTab },
  // Case work (src/web/pages/casework).
  { key: 'anvisningar', labelKey: 'casework.referrals.title', Component: ReferralsTab },
  { key: 'kartlaggning', labelKey: 'casework.kartlaggning.title', Component: KartlaggningTab },
  { key: 'handlingsplan', labelKey: 'casework.plan.title', Component: PlanTab },
  { key: 'moten', labelKey: 'casework.meetings.title', Component: MeetingsTab },
  { key: 'journal', labelKey: 'casework.journal.title', Component: JournalTab },
  // Programmes (src/web/pages/programmes): enrolments, phases, pauses, exit and follow-ups.
  { key: 'insatser', labelKey: 'programmes.tab.title', Component: EnrolmentsTab },
];
