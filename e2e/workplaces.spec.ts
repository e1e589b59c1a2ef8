import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

/** A valid, synthetic 12-digit personnummer for a birth date (Luhn over YYMMDDNNN). */
function personnummer(birth: string, serial: number): string {
  const nine = `${birth.slice(2)}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  [...nine].forEach((ch, i) => {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  });
  return `${birth}${String(serial).padStart(3, '0')}${(10 - (sum % 10)) % 10}`;
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Signs in through the API and returns a caller for CSRF-protected writes. */
async function apiAs(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', {
    data: { username, password: demoPassword(username as 'admin') },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    csrfToken: string;
    user: { roles: { role: string; unitId: string }[] };
  };
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const r = await request.post(path, { data, headers: { 'x-csrf-token': body.csrfToken } });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
  return { user: body.user, post };
}

async function fillByKeyboard(page: Page, label: string, text: string, scope?: Locator) {
  const field = (scope ?? page).getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

test.describe('Arbetsplatser', () => {
  test('jobbmäklaren registrerar en arbetsplats med handledare och avtal, med tangentbordet', async ({
    page,
  }) => {
    await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Arbetsplatser' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Arbetsplatser' })).toBeFocused();
    await expect(page).toHaveTitle('Arbetsplatser – Insats');
    await waitForIdle(page);
    await expect(page.getByRole('table', { name: /Arbetsplatser/ })).toBeVisible();
    await expectAxeClean(page);

    // Search folds case and diacritics.
    await fillByKeyboard(page, 'Sök arbetsplats', 'ANGSGARDEN');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: 'Ängsgårdens äldreboende' })).toBeVisible();
    await expect(page.getByRole('table').locator('tbody tr')).toHaveCount(1);

    // Register: empty submit first gives the error summary with links to the fields.
    const create = page.getByRole('link', { name: 'Registrera arbetsplats' });
    await create.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Registrera arbetsplats' })).toBeFocused();
    await expectAxeClean(page);
    const submit = page.getByRole('button', { name: 'Registrera arbetsplatsen' });
    await submit.focus();
    await page.keyboard.press('Enter');
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: 'Ange arbetsplatsens namn.' })).toBeVisible();
    await expectAxeClean(page);

    const kind = page.getByLabel('Typ av arbetsplats');
    await kind.focus();
    await kind.selectOption('foretag');
    const details = page.getByRole('group', { name: 'Uppgifter om arbetsplatsen' });
    await fillByKeyboard(page, 'Namn', 'E2E Lagret AB', details);
    await submit.focus();
    await page.keyboard.press('Enter');
    await expect(summary.getByRole('link', { name: /Ange organisationsnummer/ })).toBeVisible();
    await fillByKeyboard(page, 'Organisationsnummer', '556012-5790');
    await fillByKeyboard(page, 'Branschkod (SNI 2007)', '52.10');
    await fillByKeyboard(page, 'Sektor', 'lager');
    await fillByKeyboard(page, 'Ort', 'Exempelby');
    const supervisor = page.getByRole('group', { name: 'Handledare' });
    await supervisor.getByLabel('Namn').focus();
    await page.keyboard.type('Eva Handledare');
    await supervisor.getByLabel('Telefon').focus();
    await page.keyboard.type('070-123 45 67');
    await supervisor.getByLabel('E-post').focus();
    await page.keyboard.type('eva@lagret.example');
    const agreement = page.getByRole('group', { name: 'Avtal' });
    await agreement.getByLabel('Gäller från').focus();
    await page.keyboard.type('2026-01-01');
    await agreement.getByLabel('Gäller till').focus();
    await page.keyboard.type('2027-06-30');
    await agreement.getByLabel('Gäller till').press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'E2E Lagret AB' })).toBeVisible();
    await expect(page).toHaveURL(/\/arbetsplatser\/[0-9a-f-]{36}$/);
    await expect(page.getByText('Arbetsplatsen E2E Lagret AB är registrerad.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Handledare' })).toContainText('Eva Handledare');
    await expect(page.getByRole('table', { name: 'Avtal' })).toContainText('Praktikavtal');
    await expect(page.locator('dl')).toContainText('556012-5790');
    await expectAxeClean(page);

    // Add places with the keyboard, then a compliance check.
    await fillByKeyboard(page, 'Period från', '2026-08-15');
    await fillByKeyboard(page, 'Period till', '2026-12-31');
    await fillByKeyboard(page, 'Antal platser', '2');
    await fillByKeyboard(page, 'Yrkeskod (SSYK 2012)', '8344');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Platser' })).toContainText('8344');
    await page.getByLabel('Kollektivavtal finns').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Registrera kontroll' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Kontroller' })).toContainText('Ja');
    await expectAxeClean(page);
  });

  test('handläggaren ser registret men kan inte ändra det', async ({ page }) => {
    await login(page, 'handlaggare', demoPassword('handlaggare'));
    await page.goto('/arbetsplatser');
    await waitForIdle(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Arbetsplatser' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Registrera arbetsplats' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Centralköket' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Centralköket' })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByRole('button', { name: 'Ändra uppgifter' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Lägg till handledare' })).toHaveCount(0);
    await expectAxeClean(page);
  });
});

test.describe('Placeringar och närvaro', () => {
  test('planera en placering, se arbetsplatsens vy, registrera och importera närvaro', async ({
    page,
    request,
  }) => {
    // Set-up through the public API as the unit manager (its own cookie jar): a participant enrolled in a programme.
    const chef = await apiAs(request, 'enhetschef');
    const unitId = chef.user.roles[0]!.unitId;
    const suffix = String(Date.now()).slice(-6);
    const pnr = personnummer('19900315', 100 + (Number(suffix) % 800));
    const person = await chef.post<{ id: string }>('/api/participants', {
      personnummer: pnr,
      firstName: 'Placerad',
      lastName: `Deltagare${suffix}`,
      responsibleUnitId: unitId,
    });
    const programme = await chef.post<{ id: string }>('/api/programmes', {
      code: `e2e-${suffix}`,
      name: `E2E Arbetsträning ${suffix}`,
      kind: 'aktivitet',
      unitId,
    });
    const start = isoDaysAgo(21);
    await chef.post(`/api/programmes/${programme.id}/enrolments`, { personId: person.id, startDate: start });

    await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
    await page.goto('/placeringar');
    await expect(page.getByRole('heading', { level: 1, name: 'Planera placering' })).toBeVisible();
    await expectAxeClean(page);
    await fillByKeyboard(page, 'Sök deltagare', `Deltagare${suffix}`);
    await page.keyboard.press('Enter');
    const choose = page.getByRole('button', { name: new RegExp(`Välj Placerad Deltagare${suffix}`) });
    await choose.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 3, name: /Vald deltagare/ })).toBeFocused();
    await waitForIdle(page);
    await page.getByLabel('Arbetsplats', { exact: true }).selectOption({ label: 'Centralköket (maltid)' });
    await expect(page.getByLabel('Handledare').locator('option')).toHaveCount(2);
    await page.getByLabel('Handledare').selectOption({ index: 1 });
    await expect(page.getByLabel('Startdatum')).toHaveValue(start);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Spara placeringen' }).click();

    await expect(
      page.getByRole('heading', { level: 1, name: `Placering: Placerad Deltagare${suffix}` }),
    ).toBeVisible();
    await waitForIdle(page);
    const view = page.getByTestId('workplace-view');
    await expect(view).toContainText('Centralköket');
    await expect(view).toContainText(`Placerad Deltagare${suffix}`);
    await expect(view).not.toContainText(pnr);
    await expectAxeClean(page);

    // One week by hand.
    await fillByKeyboard(page, 'Närvarotimmar', '32,5');
    await fillByKeyboard(page, 'Sjuk', '7,5');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Registrerad närvaro per vecka' })).toContainText('32,5');

    // Import: a file with a bad row writes nothing and lists the row.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Närvaro' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Närvaro och frånvaro' })).toBeFocused();
    await waitForIdle(page);
    await expectAxeClean(page);
    const week = (days: number) => {
      const d = new Date(Date.now() - days * 86_400_000);
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = (t.getUTCDay() + 6) % 7;
      t.setUTCDate(t.getUTCDate() - day + 3);
      const jan4 = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
      const n =
        1 + Math.round(((t.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
      return `${t.getUTCFullYear()}-V${String(n).padStart(2, '0')}`;
    };
    const header = 'personnummer;vecka;närvarotimmar;frånvarotimmar;orsak';
    const bad = `\uFEFF${header}\r\n${pnr};${week(7)};40;0;\r\n${pnr};${week(14)};30;8;\r\n`;
    await page
      .getByLabel('Fil (CSV)')
      .setInputFiles({ name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Importera' }).click();
    const result = page.getByTestId('import-result');
    await expect(result).toContainText('Filen innehåller 1 fel. Inget är sparat.');
    await expect(result.getByRole('table', { name: 'Fel i filen' })).toContainText('orsak');
    await expectAxeClean(page);
    const good = `\uFEFF${header}\r\n${pnr};${week(7)};40;0;\r\n${pnr};${week(14)};30;8;sjuk\r\n`;
    await page
      .getByLabel('Fil (CSV)')
      .setInputFiles({ name: 'narvaro.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await expect(result).toContainText('Filen är korrekt: 2 rader för 1 deltagare');
    await page.getByRole('button', { name: 'Importera' }).click();
    await expect(result).toContainText('Importen är klar: 2 rader för 1 deltagare är sparade.');
    await expectAxeClean(page);
  });
});
