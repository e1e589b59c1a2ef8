import { expect, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

/**
 * Reports as an analytiker: open the outcome report, draw it for all programmes, check the tables
 * (with captions and row headers) and the export links, and run axe on the page before and after.
 */
test('the outcome report page is reachable, readable and accessible', async ({ page }) => {
  await login(page, 'analytiker', demoPassword('analytiker'));
  await page.goto('/rapporter');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapporter' })).toBeVisible();
  await waitForIdle(page);
  await expectAxeClean(page);
  await page.getByLabel('Referensdatum').fill('2026-03-01');
  await page.getByRole('button', { name: 'Visa utfall' }).click();
  await expect(page.getByRole('table', { name: 'Totalt' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Per enhet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'CSV' })).toHaveAttribute('href', /format=csv/);
  await waitForIdle(page);
  await expectAxeClean(page);
});

/**
 * The dashboard as an analytiker: charts with their data tables, an import of social-assistance
 * applications and of Arbetsförmedlingen's statistics (a bad file first: every error listed, nothing
 * saved), a goal line for the unemployment share, export links, and axe before and after.
 */
test('the dashboard shows monthly trends, imports statistics and sets a goal line', async ({ page }) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await login(page, 'analytiker', demoPassword('analytiker'));
  await page.goto('/rapporter');
  await page.getByRole('link', { name: 'Översikt med månadstrender och mål' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt' })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Anvisningar och påbörjade inskrivningar per månad' }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Avslut per månad och avslutsorsak' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Linjediagram över anvisningar och påbörjade inskrivningar/ }),
  ).toBeVisible();
  await expect(page.getByText(/inte antal personer i Insats/)).toBeVisible();
  await expect(page.locator('.trend-chart canvas').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'CSV', exact: true })).toHaveAttribute(
    'href',
    /dashboard\/export.*format=csv/,
  );
  await expect(page.getByRole('link', { name: 'CSV (ansökningar om försörjningsstöd)' })).toHaveAttribute(
    'href',
    /template\?kind=forsorjningsstod&format=csv/,
  );
  await expectAxeClean(page);

  const now = new Date();
  const month = (back: number) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    return d.toISOString().slice(0, 7);
  };
  const social = page.getByRole('form', { name: 'Ansökningar om försörjningsstöd' });
  await social.getByLabel('Fil (CSV eller Excel)').setInputFiles({
    name: 'fb.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeffMånad;Antal ansökningar\r\n${month(2)};1 234\r\n${month(1)};abc\r\n`),
  });
  await social.getByRole('button', { name: 'Importera' }).click();
  const errors = social.getByRole('table', { name: /Fel i filen/ });
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('"abc" är inget antal');
  await expectAxeClean(page);
  await social.getByLabel('Fil (CSV eller Excel)').setInputFiles({
    name: 'fb.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\ufeffMånad;Antal ansökningar\r\n${month(2)};1 234\r\n${month(1)};987\r\n`),
  });
  await social.getByRole('button', { name: 'Importera' }).click();
  await expect(social.getByText(/Importerade 2 rader för 2 månader/)).toBeVisible();
  const socialTable = page.getByRole('table', { name: 'Ansökningar om försörjningsstöd per månad' });
  await expect(socialTable.getByRole('row', { name: new RegExp(`^${month(2)}`) })).toContainText(/1\s234/);

  const af = page.getByRole('form', { name: 'Arbetsförmedlingens månadsstatistik' });
  await af.getByLabel('Fil (CSV eller Excel)').setInputFiles({
    name: 'af.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `Månad;Åldersgrupp;Antal inskrivna arbetslösa;Andel (%)\n${month(1)};16-24;512;11,5\n${month(1)};25-64;1 840;6,2\n`,
    ),
  });
  await af.getByRole('button', { name: 'Importera' }).click();
  await expect(af.getByText(/Importerade 2 rader för 1 månad /)).toBeVisible();

  const goal = page.getByRole('form', { name: 'Mål', exact: true });
  await goal.getByLabel('Mått').selectOption('unemployment_share');
  await goal.getByLabel('Mål', { exact: true }).fill('10');
  await goal.getByLabel('Beskrivning (valfri)').fill('Under 10 %');
  await goal.getByRole('button', { name: 'Spara mål' }).click();
  await expect(goal.getByText('Målet är sparat.')).toBeVisible();
  const ue = page.getByRole('table', { name: /Inskrivna arbetslösa per åldersgrupp och månad/ });
  await expect(ue.getByRole('columnheader', { name: 'Mål, andel (%)' })).toBeVisible();
  await expect(ue.getByRole('row', { name: new RegExp(`^${month(1)}`) })).toContainText('11,5');
  await expect(page.getByRole('img', { name: /Mål 10 % \(Under 10 %\) som streckad linje/ })).toBeVisible();

  // Keyboard: the data tables are reachable as focusable, labelled regions.
  const region = page.getByRole('region', { name: 'Anvisningar och påbörjade inskrivningar per månad' });
  await region.focus();
  await expect(region).toBeFocused();
  await expectAxeClean(page);
  expect(cspErrors).toEqual([]);
});
