import { expect, type Page, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

/** A valid test number (Luhn over YYMMDDNNN): never typed by a person, never shown as real. */
function testNumber(yymmdd: string, birth: string): string {
  const digits = `${yymmdd}${birth}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${yymmdd}-${birth}${(10 - (sum % 10)) % 10}`;
}

async function openCaseload(page: Page) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Deltagare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ärendelista' })).toBeVisible();
  await waitForIdle(page);
}

test.describe('Deltagarregistret', () => {
  test('handläggaren registrerar en deltagare, hittar den i ärendelistan och öppnar personsidan', async ({
    page,
  }) => {
    await login(page, 'handlaggare', demoPassword('handlaggare'));
    await openCaseload(page);
    await expect(page).toHaveTitle('Ärendelista – Insats');
    await expect(page.getByRole('table', { name: /Deltagare/ })).toBeVisible();
    await expectAxeClean(page);

    // Register: first an empty submit shows the error summary with links to the fields.
    await page.getByRole('link', { name: 'Registrera deltagare' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Registrera deltagare' })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Ange personnummer eller samordningsnummer.',
      'Ange förnamn.',
      'Ange efternamn.',
    ]);
    await expect(page.getByLabel('Personnummer eller samordningsnummer (krävs)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expectAxeClean(page);

    // Fill in, keyboard-style, including a language with interpreter.
    await page.getByLabel('Personnummer eller samordningsnummer (krävs)').fill(testNumber('910715', '238'));
    await page.getByLabel('Förnamn (krävs)').fill('Ölvira');
    await page.getByLabel('Efternamn (krävs)').fill('Åkerlund-Testsson');
    await page.getByLabel('Välj språk').selectOption({ label: 'Arabiska' });
    await page.getByLabel('Behöver tolk').check();
    await page.getByRole('button', { name: 'Lägg till språk' }).click();
    await expect(page.getByRole('list', { name: 'Valda språk' })).toContainText('Arabiska (tolk)');
    await page.getByLabel('Försörjningsstöd').check();
    // Months with bistånd: the hint explains långvarigt bistånd; 13 is refused before sending.
    const months = page.getByLabel('Månader med ekonomiskt bistånd, senaste 12 månaderna');
    await expect(months).toHaveAccessibleDescription(/minst 10 av 12 månader \(Socialstyrelsen\)/);
    await months.fill('13');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Ange antal månader som ett heltal 0–12.']);
    await expect(months).toHaveAttribute('aria-invalid', 'true');
    await months.fill('11');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();

    // The person page.
    await expect(page.getByRole('heading', { level: 1, name: 'Ölvira Åkerlund-Testsson' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('Arabiska (tolk)')).toBeVisible();
    await expect(page.getByText('11 av 12 månader')).toBeVisible();
    await expectAxeClean(page);

    // Find them in the caseload by a name prefix without diacritics, and open the page again.
    await openCaseload(page);
    await page.getByLabel('Sök', { exact: true }).fill('akerlund');
    await page.getByLabel('Urval').selectOption('unit');
    await page.getByRole('button', { name: 'Visa' }).click();
    await waitForIdle(page);
    const row = page.getByRole('row', { name: /Åkerlund-Testsson, Ölvira/ });
    await expect(row).toBeVisible();
    await expectAxeClean(page);
    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ölvira Åkerlund-Testsson' })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);
  });

  test('handläggaren ändrar telefonnummer och månader med bistånd; fel och en samtidig ändring visas i felsammanfattningen', async ({
    page,
  }) => {
    await login(page, 'handlaggare', demoPassword('handlaggare'));
    await openCaseload(page);
    await page.getByRole('link', { name: 'Registrera deltagare' }).click();
    await waitForIdle(page);
    await page.getByLabel('Personnummer eller samordningsnummer (krävs)').fill(testNumber('880423', '417'));
    await page.getByLabel('Förnamn (krävs)').fill('Edvin');
    await page.getByLabel('Efternamn (krävs)').fill('Ändringsson');
    await page.getByLabel('Telefon').fill('070-111 11 11');
    await page.getByLabel('Månader med ekonomiskt bistånd, senaste 12 månaderna').fill('2');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edvin Ändringsson' })).toBeVisible();
    await waitForIdle(page);

    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ändra uppgifter' })).toBeVisible();
    await waitForIdle(page);
    const phone = page.getByLabel('Telefon');
    const months = page.getByLabel('Månader med ekonomiskt bistånd, senaste 12 månaderna');
    await expect(page.getByLabel('Förnamn (krävs)')).toHaveValue('Edvin');
    await expect(phone).toHaveValue('070-111 11 11');
    await expect(months).toHaveValue('2');
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('aktiv');
    // Identity number and unit have their own flows.
    await expect(page.getByLabel('Personnummer eller samordningsnummer (krävs)')).toHaveCount(0);
    await expectAxeClean(page);

    // 13 months is refused before sending; focus moves to the summary and the input is kept.
    await phone.fill('telefon saknas');
    await months.fill('13');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Ange antal månader som ett heltal 0–12.']);
    await expect(months).toHaveAttribute('aria-invalid', 'true');
    await expect(months).toHaveValue('13');
    await expect(phone).toHaveValue('telefon saknas');
    await expectAxeClean(page);

    // The server's Swedish message shows at the field and in the summary; nothing typed is lost.
    await months.fill('7');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(summary.getByRole('link')).toHaveText([/Ange ett telefonnummer med siffror/]);
    await expect(summary).toBeFocused();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveValue('telefon saknas');
    await expect(months).toHaveValue('7');
    await summary.getByRole('link').click();
    await expect(phone).toBeFocused();

    await phone.fill('070-222 22 22');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edvin Ändringsson' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('070-222 22 22')).toBeVisible();
    await expect(page.getByText('7 av 12 månader')).toBeVisible();
    await expectAxeClean(page);

    // Cancel returns without saving.
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await waitForIdle(page);
    await page.getByLabel('Telefon').fill('070-333 33 33');
    await page.getByRole('link', { name: 'Avbryt' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Edvin Ändringsson' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('070-222 22 22')).toBeVisible();

    // Two tabs edit at once: the later save is refused with a Swedish explanation instead of
    // overwriting the first, and keeps what was typed.
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await waitForIdle(page);
    const other = await page.context().newPage();
    await other.goto(page.url());
    await waitForIdle(other);
    await other.getByLabel('Telefon').fill('070-444 44 44');
    await other.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(other.getByRole('heading', { level: 1, name: 'Edvin Ändringsson' })).toBeVisible();
    await other.close();
    await page.getByLabel('Telefon').fill('070-555 55 55');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(
      'Någon annan har sparat ändringar för personen sedan du öppnade sidan.',
    );
    await expect(page.getByLabel('Telefon')).toHaveValue('070-555 55 55');
    await expectAxeClean(page);
    await page.reload();
    await waitForIdle(page);
    await expect(page.getByLabel('Telefon')).toHaveValue('070-444 44 44');
  });

  test('sortering med knapp i kolumnrubriken annonseras och sätter aria-sort', async ({ page }) => {
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await openCaseload(page);
    const nameHeader = page.getByRole('columnheader', { name: /Namn/ });
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await nameHeader.getByRole('button').click();
    await waitForIdle(page);
    await expect(page.getByRole('columnheader', { name: /Namn/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('route-announcer')).toContainText(
      /Sorterat på Namn, fallande|deltagare, sida/,
    );
  });

  test('en skyddad person öppnas först efter att syftet angetts i en dialog; adressen är dold', async ({
    page,
  }) => {
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await openCaseload(page);
    await page.getByLabel('Sök', { exact: true }).fill('Skyddsson');
    await page.getByRole('button', { name: 'Visa' }).click();
    await waitForIdle(page);
    await page
      .getByRole('row', { name: /Skyddsson/ })
      .getByRole('link')
      .click();
    const dialog = page.getByRole('dialog', { name: 'Skyddade personuppgifter' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Syfte')).toBeFocused();
    await expectAxeClean(page);
    await dialog.getByLabel('Syfte').fill('Uppföljning av planen');
    await dialog.getByRole('button', { name: 'Öppna ärendet' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Saga Skyddsson' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('Hemlig väg')).toHaveCount(0);
    // The unit manager sees the case's access list, with themself on it.
    const accessList = page.getByRole('table', { name: 'Medarbetare på åtkomstlistan' });
    await expect(accessList.getByRole('row', { name: /Erik Enhetschef/ })).toContainText('Ja');
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Visa adress' }).click();
    const reveal = page.getByRole('dialog', { name: 'Visa adress' });
    await reveal.getByLabel('Syfte').fill('Skicka kallelse');
    await reveal.getByRole('button', { name: 'Visa adress' }).click();
    await expect(page.getByText(/Hemlig väg 1/)).toBeVisible();

    // Editing keeps the purpose (router state, sent as a header); masked contact details are not offered.
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ändra uppgifter' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByLabel('Telefon')).toHaveCount(0);
    await page.getByLabel('Behov av anpassning').fill('Behöver ett lugnt mötesrum.');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Saga Skyddsson' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('Behöver ett lugnt mötesrum.')).toBeVisible();
  });

  test('med tangentbordet: sortera, öppna och stäng syftesdialogen med Escape, fokus tillbaka', async ({
    page,
  }) => {
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await openCaseload(page);
    const sortButton = page.getByRole('columnheader', { name: /Namn/ }).getByRole('button');
    await sortButton.focus();
    await page.keyboard.press('Enter');
    await waitForIdle(page);
    await expect(page.getByRole('columnheader', { name: /Namn/ })).toHaveAttribute('aria-sort', 'descending');
    await page.getByLabel('Sök', { exact: true }).focus();
    await page.keyboard.type('Skyddsdotter');
    await page.keyboard.press('Enter');
    await waitForIdle(page);
    const link = page.getByRole('row', { name: /Skyddsdotter/ }).getByRole('link');
    await link.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Skyddade personuppgifter' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('Syfte')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await page.keyboard.type('Planera möte');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Signe Skyddsdotter' })).toBeVisible();
  });

  test('importen visar varje fel med rad och kolumn, och importerar ingenting', async ({ page }) => {
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await openCaseload(page);
    await page.getByRole('link', { name: 'Importera deltagare' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Importera deltagare' })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);
    const csv = [
      'Personnummer;Förnamn;Efternamn',
      `${testNumber('880202', '456')};Import;Ett`,
      '19880202-0000;Import;Två',
      `${testNumber('880203', '456')};;Tre`,
    ].join('\r\n');
    await page
      .getByLabel('Fil')
      .setInputFiles({ name: 'deltagare.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const table = page.getByRole('table', { name: 'Fel i filen' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table).toContainText('Personnummer');
    await expect(table).toContainText('Förnamn');
    await expectAxeClean(page);
  });
});
