import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { INSATS_MAX_IN_FLIGHT: '2' } });
});
afterAll(async () => {
  await t.close();
});

describe('load shedding', () => {
  it('answers 503 with Retry-After beyond the in-flight limit, and serves again once the burst is over', async () => {
    const session = await t.login('handlaggare');
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => t.request('GET', '/api/auth/me', { session })),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(2);
    const shed = burst.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThanOrEqual(10);
    for (const r of shed) {
      expect(r.headers.get('retry-after')).toBe('2');
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('overloaded');
      expect(body.error.message).toMatch(/Försök igen/);
    }
    expect((await t.request('GET', '/api/auth/me', { session })).status).toBe(200);
    expect((await t.request('GET', '/health')).status).toBe(200);
  });
});
