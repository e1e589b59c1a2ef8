import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { startBackupSchedule, writeBackup } from '../backup.ts';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { verifyAudit } from '../features/audit/verify-audit.ts';
import { setPublicBaseUrl } from '../features/summer-jobs/mail.ts';
import { createLogger } from '../log.ts';
import { buildDeps, listen } from '../server.ts';
import { openConfiguredDatabase, systemCtx } from './context.ts';
import { type DemoSize, hasDemo, loadDemo, printDemoLogins } from './demo.ts';

/** Size of the demo `start` loads into an empty database: INSATS_DEMO_SIZE=small for the small one. */
const startDemoSize = (): DemoSize => (process.env.INSATS_DEMO_SIZE === 'small' ? 'small' : 'full');

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const HELP = `Användning: insats <kommando>

  start          migrera, läs in demokommunen om databasen är tom, bygg webben vid behov och starta servern
  serve          starta servern (PORT, INSATS_DATA_DIR, DATABASE_URL)
  migrate        kör väntande databasmigreringar
  demo           läs in demokommunen och skriv ut inloggningarna
                 (--small eller INSATS_DEMO_SIZE=small: den lilla demon som testerna använder;
                 --seed N: annat frö för den stora; start läser in samma demo i en tom databas)
  verify-audit   kontrollera loggens hashkedja; anger första felaktiga sekvensnummer
  backup <fil>   säkerhetskopiera databasen till en fil
  restore <fil>  återställ databasen från en säkerhetskopia (--force ersätter befintlig inbäddad databas)
  allocate --season <id> [--mode optimal|lottery|both] [--seed N]
                 kör fördelningen av feriearbete för en säsong och spara körningen
  expire-offers --season <id>
                 flytta utgångna ferieerbjudanden till reservlistan och erbjud nästa i tur
  scenario <fil> läs in en scenariofil via API:t i en ny databas och jämför med dess förväntade siffror
                 (--database-url URL för PostgreSQL)
  gallra --user <admin> --dry-run | --execute <id>
                 provkör gallring enligt reglerna, eller verkställ en provkörning från i dag
  generate --participants N --events M [--seed S] [--organisation <kod>]
                 generera syntetiska deltagare, insatser och uppföljningar i nationell skala och läs in
                 dem med COPY (förloppsindikator; skriver bench/results/generate-cli.json)
`;

async function cmdServe(opts: { demoIfEmpty: boolean; buildWeb: boolean }) {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (opts.buildWeb && !existsSync(path.join(REPO_ROOT, 'dist/web/index.html'))) {
    console.log('Bygger webbgränssnittet (första start)…');
    const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('Bygget av webbgränssnittet misslyckades.');
  }
  const database = await openConfiguredDatabase(config);
  if (opts.demoIfEmpty) {
    const ctx = systemCtx(database);
    if (!(await hasDemo(ctx))) await loadDemo(ctx, console.log, { size: startDemoSize() });
  }
  setPublicBaseUrl(process.env.INSATS_PUBLIC_URL);
  const deps = buildDeps(database, config, log);
  const server = await listen(deps);
  const backups = startBackupSchedule(database, config, log, deps.clock);
  if (config.backup) {
    console.log(
      `Säkerhetskopior var ${config.backup.everyHours}:e timme till ${config.backup.dir} (de ${config.backup.keep} senaste sparas)`,
    );
  }
  const where = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  console.log(
    `Insats körs på ${where} (databas: ${database.kind === 'pg' ? 'PostgreSQL' : `inbäddad i ${config.dataDir}`})`,
  );
  if (opts.demoIfEmpty) printDemoLogins(console.log, startDemoSize());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    backups?.stop();
    server.close();
    server.closeAllConnections?.();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase();
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function cmdBackup(file: string | undefined) {
  if (!file) throw new Error('Ange en fil: insats backup <fil>');
  const config = loadConfig();
  const target = path.resolve(file);
  await withDatabase((database) => writeBackup(database, config, target));
  console.log(`Säkerhetskopia skriven till ${target}`);
}

async function cmdRestore(file: string | undefined, force: boolean) {
  if (!file || !existsSync(file)) throw new Error('Ange en befintlig säkerhetskopia: insats restore <fil>');
  const config = loadConfig();
  if (config.databaseUrl) {
    execFileSync(
      'pg_restore',
      ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, path.resolve(file)],
      {
        stdio: 'inherit',
      },
    );
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { acquireDataDirLock } = await import('../db/lock.ts');
    mkdirSync(config.dataDir, { recursive: true });
    const release = acquireDataDirLock(config.dataDir);
    try {
      const finalDir = path.join(config.dataDir, 'pgdata');
      if (existsSync(finalDir) && !force) {
        throw new Error(
          `Det finns redan en databas i ${finalDir}. Använd --force för att ersätta den (den gamla sparas).`,
        );
      }
      const tmpDir = path.join(config.dataDir, `pgdata.init-${process.pid}`);
      const pgl = new PGlite(tmpDir, { loadDataDir: new Blob([readFileSync(file)]) });
      await pgl.waitReady;
      await pgl.exec('CHECKPOINT');
      await pgl.close();
      if (existsSync(finalDir))
        renameSync(finalDir, path.join(config.dataDir, `pgdata.before-restore-${Date.now()}`));
      renameSync(tmpDir, finalDir);
    } finally {
      release();
    }
  }
  await withDatabase(async (database) => {
    const v = await verifyAudit(database.db);
    console.log(`Återställd. Loggkedjan: ${v.ok ? 'OK' : 'FEL'}`);
  });
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return cmdServe({ demoIfEmpty: true, buildWeb: true });
    case 'serve':
      return cmdServe({ demoIfEmpty: false, buildWeb: false });
    case 'migrate':
      return withDatabase(async (database) => {
        const applied = await migrate(database);
        console.log(applied.length ? `Körde ${applied.length} migreringar.` : 'Databasen är redan aktuell.');
      });
    case 'demo': {
      const size: DemoSize = rest.includes('--small') ? 'small' : startDemoSize();
      const seedArg = rest[rest.indexOf('--seed') + 1];
      const seed = rest.includes('--seed') ? Number(seedArg) : undefined;
      if (seed !== undefined && !Number.isInteger(seed)) throw new Error('--seed kräver ett heltal.');
      return withDatabase(async (database) => {
        await loadDemo(systemCtx(database), console.log, { size, ...(seed !== undefined ? { seed } : {}) });
        printDemoLogins(console.log, size);
      });
    }
    case 'verify-audit':
      return withDatabase(async (database) => {
        const started = Date.now();
        const v = await verifyAudit(database.db);
        for (const o of v.organisations) {
          const r = o.verdict;
          console.log(
            r.ok
              ? `${o.organisationId}: OK, ${r.events} händelser`
              : `${o.organisationId}: FEL vid sekvensnummer ${r.firstBadSeq}: ${r.reason}`,
          );
        }
        console.log(
          `${v.ok ? 'Loggkedjan är hel.' : 'Loggkedjan är bruten.'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
        if (!v.ok) process.exitCode = 1;
      });
    case 'backup':
      return cmdBackup(rest[0]);
    case 'allocate':
      return withDatabase(async (database) => {
        const { allocateCommand } = await import('./allocate.ts');
        await allocateCommand(systemCtx(database), rest);
      });
    case 'expire-offers':
      return withDatabase(async (database) => {
        const { expireOffersCommand } = await import('./allocate.ts');
        await expireOffersCommand(systemCtx(database), rest);
      });
    case 'scenario': {
      const { scenarioCommand } = await import('./scenario.ts');
      process.exitCode = await scenarioCommand(rest);
      return;
    }
    case 'gallra': {
      const { gallraCommand } = await import('./gallra.ts');
      const code = await withDatabase((database) => gallraCommand(database, rest));
      process.exitCode = code;
      return;
    }
    case 'generate':
      return withDatabase(async (database) => {
        const { generateCommand } = await import('./generate.ts');
        await generateCommand(database, rest);
      });
    case 'restore':
      return cmdRestore(
        rest.find((a) => !a.startsWith('--')),
        rest.includes('--force'),
      );
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
    default:
      console.error(`Okänt kommando: ${command}\n\n${HELP}`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`Fel: ${err.message}`);
  process.exit(1);
});
