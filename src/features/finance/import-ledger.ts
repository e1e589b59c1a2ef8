import { randomUUID } from 'node:crypto';
import type { Ctx, RoleGrant } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/record-event.ts';
import { type LedgerIssue, parseLedgerCsv } from './ledger-csv.ts';
import { insertCostOutcomes, insertLedgerImport, listMappings, type OutcomeRow } from './repo.ts';
import { grantFields, organisationOf } from './shared.ts';

/** The file was refused; nothing was imported. `issues` name the line (and column) of every error. */
export class LedgerImportRejected extends AppError {
  constructor(readonly issues: LedgerIssue[]) {
    super(422, 'ledger_import_rejected', {
      sv: `Filen importerades inte: ${issues.length} fel. Rätta raderna och försök igen.`,
      en: `The file was not imported: ${issues.length} errors.`,
    });
  }
}

/**
 * Imports a ledger file (CSV from the finance system) as cost outcome, all or nothing. Each row's account +
 * cost centre must be in the mapping table (→ programme + category); a row with an unknown pair, or any
 * unreadable row, rejects the whole file with line numbers. One audit event (action 'import').
 */
export async function importLedger(
  ctx: Ctx,
  grant: RoleGrant | null,
  input: { filename: string; content: Uint8Array },
): Promise<{ importId: string; imported: number; totalSek: number; encoding: string }> {
  const organisationId = organisationOf(ctx);
  const parsed = parseLedgerCsv(input.content);
  const issues = [...parsed.issues];
  if (parsed.rows.length === 0 && issues.length === 0)
    issues.push({ line: 1, message: 'Filen har inga rader.' });
  const importId = randomUUID();
  const now = ctx.clock.now();
  let total = 0;
  const result = await ctx.db.transaction().execute(async (tx) => {
    const mapping = new Map(
      (await listMappings(tx, organisationId)).map((m) => [`${m.account}\u0000${m.cost_centre}`, m]),
    );
    const rows: OutcomeRow[] = [];
    for (const r of parsed.rows) {
      const m = mapping.get(`${r.account}\u0000${r.costCentre}`);
      if (!m) {
        issues.push({
          line: r.line,
          column: 'Konto',
          message: `Konto ${r.account} med kostnadsställe ${r.costCentre} finns inte i mappningen.`,
        });
        continue;
      }
      total += r.amountOre;
      rows.push({
        id: randomUUID(),
        organisationId,
        programmeId: m.programme_id,
        category: m.category,
        periodFrom: r.date,
        periodTo: r.date,
        amountOre: r.amountOre,
        source: 'import',
        importId,
        importLine: r.line,
        account: r.account,
        costCentre: r.costCentre,
        text: r.text,
        enteredBy: ctx.actor?.userId ?? null,
        now,
      });
    }
    if (issues.length > 0) {
      issues.sort((a, b) => a.line - b.line);
      throw new LedgerImportRejected(issues);
    }
    await insertLedgerImport(tx, {
      organisationId,
      id: importId,
      filename: input.filename,
      encoding: parsed.encoding,
      rowCount: rows.length,
      totalOre: total,
      importedBy: ctx.actor?.userId ?? null,
      now,
    });
    await insertCostOutcomes(tx, rows);
    await recordAudit(tx, ctx, {
      action: 'import',
      objectType: 'finance_ledger_import',
      objectId: importId,
      ...grantFields(grant),
      details: { filename: input.filename, rows: rows.length, totalOre: total, encoding: parsed.encoding },
    });
    return { importId, imported: rows.length, totalSek: Math.round(total / 100), encoding: parsed.encoding };
  });
  return result;
}
