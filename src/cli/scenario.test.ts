import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedMatch, runScenario, type ScenarioFile } from './scenario.ts';

/**
 * Every shipped scenario file (copies of ../shared/scenarios, see test/scenarios/README.md) loads
 * through the public HTTP API into a fresh database and reproduces every key of `expected` exactly,
 * on the engine the suite runs on (PGlite, or PostgreSQL when TEST_DATABASE_URL is set).
 */
const dir = path.resolve(import.meta.dirname, '../../test/scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const databaseUrl = process.env.TEST_DATABASE_URL;

describe('scenario runner', () => {
  it('ships the scenario files', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'eskilstuna-trainee-cap.json',
        'ggvv-ferie-2021.json',
        'goteborg-kompetenscenter.json',
        'norrkoping-servicetrainee.json',
      ]),
    );
  });

  for (const name of files) {
    const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as ScenarioFile;
    it(`${name}: actual equals expected`, { timeout: 240_000 }, async () => {
      const result = await runScenario(file, databaseUrl ? { databaseUrl } : {});
      // Every expected key is computed and equal; extra keys (e.g. the lottery mode's figures beside
      // the summer-jobs optimum) are printed but not compared.
      for (const key of Object.keys(file.expected))
        expect(result.actual[key], key).toEqual(file.expected[key]);
      expect(expectedMatch(result.expected, result.actual)).toBe(true);
    });
  }

  it('reports a mismatch instead of passing when the file expects something else', {
    timeout: 240_000,
  }, async () => {
    const file = JSON.parse(
      readFileSync(path.join(dir, 'eskilstuna-trainee-cap.json'), 'utf8'),
    ) as ScenarioFile;
    const changed = { ...file, expected: { ...file.expected, enrolled: 149 } };
    const result = await runScenario(changed, databaseUrl ? { databaseUrl } : {});
    expect(result.actual.enrolled).toBe(150);
    expect(expectedMatch(result.expected, result.actual)).toBe(false);
  });
});
