import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { checkComplianceCheck, Issues, today } from './rules.ts';

describe('the date "today" for workplace rules', () => {
  it('is the date in Sweden, not in UTC: a check dated today is accepted in the hour after midnight', () => {
    // 23:30 UTC on 23 November is 00:30 on 24 November in Stockholm (CET), where the user is.
    const clock = new ManualClock('2026-11-23T23:30:00.000Z');
    expect(today({ clock })).toBe('2026-11-24');
    const accepted = new Issues('sv');
    checkComplianceCheck(
      { checkedOn: '2026-11-24', collectiveAgreement: true } as never,
      'body',
      accepted,
      today({ clock }),
    );
    const refused = new Issues('sv');
    checkComplianceCheck(
      { checkedOn: '2026-11-25', collectiveAgreement: true } as never,
      'body',
      refused,
      today({ clock }),
    );
    expect(refused.list.map((i) => i.message)).toContain('Kontrolldatum kan inte ligga i framtiden.');
    expect(accepted.list).toEqual([]);
    // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July (CEST).
    expect(today({ clock: new ManualClock('2026-06-30T22:30:00.000Z') })).toBe('2026-07-01');
  });
});
