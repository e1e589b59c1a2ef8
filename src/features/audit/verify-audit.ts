import type { Db } from '../../db/connection.ts';
import { type ChainVerdict, ChainVerifier } from '../../domain/audit-chain.ts';
import { chainHeads, eventsInOrder, organisationsWithEvents } from './repo.ts';

export interface AuditVerification {
  ok: boolean;
  organisations: { organisationId: string; verdict: ChainVerdict }[];
}

/** Verifies every organisation's chain against its head (`insats verify-audit`), streaming page by page. */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  const heads = await chainHeads(db);
  const orgs = new Set([...heads.map((h) => h.organisation_id), ...(await organisationsWithEvents(db))]);
  const results: AuditVerification['organisations'] = [];
  for (const organisationId of [...orgs].sort()) {
    const head = heads.find((h) => h.organisation_id === organisationId);
    const verifier = new ChainVerifier();
    for await (const e of eventsInOrder(db, organisationId)) {
      if (verifier.push(e)) break;
    }
    const verdict = verifier.finish(head && head.seq > 0 ? { seq: head.seq, hash: head.hash } : null);
    results.push({ organisationId, verdict });
  }
  return { ok: results.every((r) => r.verdict.ok), organisations: results };
}
