// `npm run test:pg`: the integration suite against PostgreSQL. Uses TEST_DATABASE_URL when set
// (CI starts its own cluster), otherwise starts a throwaway cluster and stops it afterwards.
import { spawnSync } from 'node:child_process';
import { startCluster } from './pg-cluster.mjs';

const DB_TESTS = ['src/db', 'src/http', 'src/features', 'src/cli', 'test/'];
let cluster;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  cluster = await startCluster({ port: Number(process.env.TEST_PG_PORT ?? 54339) });
  url = cluster.url;
}
let status = 1;
try {
  const r = spawnSync('npx', ['vitest', 'run', ...DB_TESTS, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  status = r.status ?? 1;
} finally {
  await cluster?.stop();
}
process.exit(status);
