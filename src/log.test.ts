import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from './log.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => lines.join('') };
}

describe('application log', () => {
  it('redacts personal fields by their API and their database names', () => {
    const { log, text } = capture();
    log.info(
      {
        row: {
          first_name: 'Kanarie',
          last_name: 'Fågelsson',
          address_street: 'Hemliga gatan 1',
          phone: '070-1234567',
        },
        body: { firstName: 'Kanarie', adjustmentNeeds: 'rullstol' },
        personnummer: '19900101-1239',
      },
      'row loaded',
    );
    const out = text();
    for (const secret of [
      'Kanarie',
      'Fågelsson',
      'Hemliga gatan',
      '070-1234567',
      'rullstol',
      '19900101-1239',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks personnummer-like digit runs in messages and error texts', () => {
    const { log, text } = capture();
    log.error({ err: new Error('duplicate key 199001011239') }, 'failed for 900101-1239');
    expect(text()).not.toMatch(/1239/);
    expect(scrub('a 19900101+1239 b')).toBe('a [personnummer] b');
  });
});
