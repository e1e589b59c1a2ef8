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
