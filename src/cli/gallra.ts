import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/connection.ts';
import { loadActor } from '../features/auth/sessions.ts';
import { gallringDryRun } from '../features/gallring/dry-run.ts';
import { executeGallring } from '../features/gallring/execute.ts';
import { systemCtx } from './context.ts';

export const GALLRA_HELP = `insats gallra --user <användarnamn> --dry-run
insats gallra --user <användarnamn> --execute <provkörningens id>

  Provkörningen listar exakt de akter som ska gallras i dag (loggas). Verkställandet kräver id:t för en
  provkörning från i dag, kontrollerar listan igen och tar bort personernas uppgifter i alla tabeller i
  en transaktion. Användaren måste ha rollen administratör.`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs as the named administrator, so the run and its audit events name a person who answers for it. */
async function administratorCtx(database: Database, username: string): Promise<Ctx> {
  const user = await sql<{ organisation_id: string; id: string }>`
    SELECT organisation_id, id FROM app_user WHERE lower(username) = lower(${username})`.execute(database.db);
  const row = user.rows[0];
  if (!row) throw new Error(`Användaren ${username} finns inte.`);
  const actor = await loadActor(database.db, row.organisation_id, row.id, null);
  if (!actor) throw new Error(`Användaren ${username} är inte aktiv.`);
  if (!actor.roles.some((r) => r.role === 'administrator')) {
    throw new Error(`Användaren ${username} har inte rollen administratör.`);
  }
  const { view: _view, ...plain } = actor;
  return { ...systemCtx(database), actor: plain };
}

export async function gallraCommand(
  database: Database,
  args: string[],
  out: { write(text: string): unknown } = process.stdout,
): Promise<number> {
  const username = option(args, '--user');
  const executeId = option(args, '--execute');
  const dryRun = args.includes('--dry-run');
  if (!username || dryRun === Boolean(executeId)) {
    console.error(GALLRA_HELP);
    return 2;
  }
  const ctx = await administratorCtx(database, username);
  if (dryRun) {
    out.write('Gallring: provkör (läser regler och personer)…\n');
    const r = await gallringDryRun(ctx);
    for (const rec of r.records) {
      out.write(
        `${'personId' in rec ? rec.personId : rec.applicationId}  ${rec.recordType}  gallringsplikt ${rec.dueDate}  senast ${rec.completeBy}\n`,
      );
    }
    const counts = Object.entries(r.counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    out.write(
      `Provkörning ${r.runId} (${r.asOf}): ${r.total} akter att gallra${counts ? ` (${counts})` : ''}.\n`,
    );
    out.write(`Verkställ i dag med: insats gallra --user ${username} --execute ${r.runId}\n`);
    return 0;
  }
  let tables = 0;
  const r = await executeGallring(ctx, executeId!, (table) => {
    tables += 1;
    out.write(`\rGallrar: tabell ${tables} (${table})…`.padEnd(60));
  });
  if (tables > 0) out.write('\n');
  const rows = Object.values(r.rowsDeleted).reduce((a, b) => a + b, 0);
  out.write(
    `Gallring ${r.runId} verkställd: ${r.total} akter, ${rows} rader i ${Object.keys(r.rowsDeleted).length} tabeller. ` +
      `Beslut: ${r.decisions.map((d) => `${d.recordType} ${d.decisionReference}`).join('; ') || '–'}.\n`,
  );
  return 0;
}
