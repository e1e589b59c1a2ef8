import { expect, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

test('the unit manager asks for a registerutdrag from a personnummer, with keyboard-reachable errors', async ({
  page,
}) => {
  await login(page, 'enhetschef', demoPassword('enhetschef'));
  await page
    .getByRole('navigation', { name: 'Huvudmeny' })
    .getByRole('link', { name: 'Registerutdrag' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registerutdrag');
  await waitForIdle(page);
  await expectAxeClean(page);

  // Empty: the error summary takes focus and links to the field.
  await page.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toBeFocused();
  await summary.getByRole('link', { name: 'Ange ett personnummer eller samordningsnummer.' }).click();
  await expect(page.getByLabel('Personnummer eller samordningsnummer')).toBeFocused();

  // A valid number that Insats knows nothing about: a clear Swedish answer, not an empty document.
  await page.keyboard.type('19991231-1231');
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toContainText('Det finns inga uppgifter om personnumret i Insats');
  await expect(page.getByRole('link', { name: /Ladda ned registerutdraget/ })).toHaveCount(0);
  await expectAxeClean(page);
});
