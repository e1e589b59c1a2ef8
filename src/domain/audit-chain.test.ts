import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ChainedEvent,
  canonicalEventJson,
  canonicalJson,
  chainHash,
  GENESIS_HASH,
  type StoredEvent,
  verifyChain,
} from './audit-chain.ts';

const ORG = '11111111-1111-4111-8111-111111111111';

const fieldsArb = fc.record({
  actorUsername: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  action: fc.constantFrom('read', 'create', 'update', 'login', 'deny', 'export'),
  outcome: fc.constantFrom('success', 'failure', 'denied'),
  objectId: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
  purpose: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
  details: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), {
    maxKeys: 3,
  }),
});

interface Fields {
  actorUsername: string | null;
  action: string;
  outcome: string;
  objectId: string | null;
  purpose: string | null;
  details: Record<string, string | number>;
}

function buildChain(fields: Fields[]): { events: StoredEvent[]; head: { seq: number; hash: string } | null } {
  let prev = GENESIS_HASH;
  const events = fields.map((f, i) => {
    const event: ChainedEvent = {
      organisationId: ORG,
      seq: i + 1,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      actorUserId: null,
      actorUsername: f.actorUsername,
      role: null,
      unitId: null,
      subjectPersonId: null,
      objectType: 'test',
      objectId: f.objectId,
      action: f.action,
      outcome: f.outcome,
      severity: 'normal',
      requestId: null,
      clientAddress: null,
      purpose: f.purpose,
      details: f.details,
    };
    const hash = chainHash(prev, event);
    const stored = { ...event, prevHash: prev, hash };
    prev = hash;
    return stored;
  });
  const last = events.at(-1);
  return { events, head: last ? { seq: last.seq, hash: last.hash } : null };
}

const chainArb = fc.array(fieldsArb, { minLength: 2, maxLength: 25 });

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    fc.assert(
      fc.property(chainArb, (fields) => {
        const { events, head } = buildChain(fields);
        expect(verifyChain(events, head)).toEqual({
          ok: true,
          events: events.length,
          lastSeq: events.length,
        });
      }),
    );
  });

  it('detects any altered field and names that event', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.string({ minLength: 1, maxLength: 6 }), (fields, at, junk) => {
        const { events, head } = buildChain(fields);
        const i = at % events.length;
        const victim = events[i]!;
        events[i] = { ...victim, purpose: `${victim.purpose ?? ''}${junk}` };
        const verdict = verifyChain(events, head);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.firstBadSeq).toBe(i + 1);
      }),
    );
  });

  it('detects a deleted event, including the last one', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (fields, at) => {
        const { events, head } = buildChain(fields);
        const i = at % events.length;
        events.splice(i, 1);
        const verdict = verifyChain(events, head);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(verdict.firstBadSeq).toBe(i + 1);
      }),
    );
  });

  it('detects two swapped events', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (fields, at) => {
        const { events, head } = buildChain(fields);
        const i = at % (events.length - 1);
        [events[i], events[i + 1]] = [events[i + 1]!, events[i]!];
        expect(verifyChain(events, head).ok).toBe(false);
      }),
    );
  });

  it('detects an inserted event, even one with a recomputed hash', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fieldsArb, (fields, at, extra) => {
        const { events, head } = buildChain(fields);
        const i = at % events.length;
        const before = events[i]!;
        const forged: ChainedEvent = { ...before, seq: before.seq, action: extra.action, purpose: 'forged' };
        const forgedStored = {
          ...forged,
          prevHash: before.prevHash,
          hash: chainHash(before.prevHash, forged),
        };
        events.splice(i, 0, forgedStored);
        expect(verifyChain(events, head).ok).toBe(false);
      }),
    );
  });

  it('detects a chain rewritten from some point on when the head was kept', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (fields, at) => {
        const { events, head } = buildChain(fields);
        const i = at % fields.length;
        fields[i] = { ...fields[i]!, purpose: 'rewritten' };
        const rewritten = buildChain(fields).events;
        const same = rewritten[i]!.hash === events[i]!.hash;
        const verdict = verifyChain(rewritten, head);
        expect(verdict.ok).toBe(same);
      }),
    );
  });
});

describe('canonical event serialisation', () => {
  const text = fc.option(fc.string({ maxLength: 10 }), { nil: null });
  const eventArb = fc.record(
    {
      organisationId: fc.uuid(),
      seq: fc.integer({ min: 1, max: 2 ** 40 }),
      occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      actorUserId: text,
      actorUsername: text,
      role: text,
      unitId: text,
      subjectPersonId: text,
      objectType: text,
      objectId: text,
      action: fc.string({ maxLength: 10 }),
      outcome: fc.string({ maxLength: 10 }),
      severity: fc.string({ maxLength: 10 }),
      requestId: text,
      clientAddress: text,
      purpose: text,
      details: fc.oneof(
        fc.constant({}),
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
      ),
    },
    // Some fields left out (undefined) now and then, as an older writer might have done.
    { requiredKeys: ['organisationId', 'seq', 'action', 'outcome', 'severity', 'details'] },
  );

  it('gives exactly the bytes of the generic canonical JSON, so existing chains still verify', () => {
    fc.assert(
      fc.property(
        eventArb,
        fc.option(fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })),
        (e, extra) => {
          const event = { ...(extra ?? {}), ...e } as ChainedEvent;
          expect(canonicalEventJson(event)).toBe(canonicalJson(event));
          const reference = createHash('sha256')
            .update(GENESIS_HASH)
            .update(canonicalJson(event))
            .digest('hex');
          expect(chainHash(GENESIS_HASH, event)).toBe(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});
