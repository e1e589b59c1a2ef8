import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { swedishDate } from './dates.ts';

const direct = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('swedishDate', () => {
  it('gives the Swedish civil date around midnight and the daylight-saving changes', () => {
    expect(swedishDate(new Date('2026-03-28T22:59:59.999Z'))).toBe('2026-03-28');
    expect(swedishDate(new Date('2026-03-28T23:00:00.000Z'))).toBe('2026-03-29');
    expect(swedishDate(new Date('2026-03-29T21:59:59.999Z'))).toBe('2026-03-29'); // CEST from 29 March
    expect(swedishDate(new Date('2026-03-29T22:00:00.000Z'))).toBe('2026-03-30');
    expect(swedishDate(new Date('2026-10-24T21:59:59.999Z'))).toBe('2026-10-24');
    expect(swedishDate(new Date('2026-10-24T22:00:00.000Z'))).toBe('2026-10-25');
    expect(swedishDate(new Date('2026-10-25T22:59:59.999Z'))).toBe('2026-10-25'); // CET again
    expect(swedishDate(new Date('2026-10-25T23:00:00.000Z'))).toBe('2026-10-26');
  });

  it('answers like Intl for any sequence of instants, near and far apart (the per-minute memo is exact)', () => {
    const base = Date.UTC(2026, 2, 29, 0, 59, 0);
    const instant = fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      // Close to one another and to a daylight-saving change, so the memo is hit and invalidated.
      fc.integer({ min: base - 3 * 3_600_000, max: base + 3 * 3_600_000 }),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (ms) => {
        for (const t of ms) expect(swedishDate(new Date(t))).toBe(direct.format(new Date(t)));
      }),
      { numRuns: 300 },
    );
  });
});
