import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
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

/** Signs in through the API (test set-up only) and returns a caller for CSRF-protected writes. */
async function apiAs(request: APIRequestContext, username: 'enhetschef') {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword(username) } });
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

async function enrolByBoard(page: Page, lastName: string) {
  await page.getByLabel('Sök deltagare', { exact: true }).fill(lastName);
  await page.keyboard.press('Enter');
  const choose = page.getByRole('button', { name: new RegExp(`Välj \\S+ ${lastName}$`) });
  await choose.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#pge-person')).toContainText(lastName);
  await page.getByRole('button', { name: 'Skriv in', exact: true }).click();
}

test.describe('Insatser', () => {
  test('enhetschefen lägger upp en insats, öppnar ett intag, skriver in till taket, avslutar till arbete och följer upp', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const suffix = Date.now().toString(36).slice(-5);
    const year = new Date().getFullYear();
    // Set-up through the public API in its own cookie jar: three participants in the manager's unit.
    const chef = await apiAs(request, 'enhetschef');
    const unitId = chef.user.roles[0]!.unitId;
    const names = ['Ett', 'Två', 'Tre'].map((n) => `${n}${suffix}`);
    for (const [i, lastName] of names.entries()) {
      await chef.post('/api/participants', {
        personnummer: personnummer('19900315', 200 + ((Number.parseInt(suffix, 36) + i * 2) % 700)),
        firstName: 'Insats',
        lastName,
        responsibleUnitId: unitId,
      });
    }

    // Catalogue.
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Insatser' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Insatser' })).toBeFocused();
    await waitForIdle(page);
    await expectAxeClean(page);

    // Setup: a server validation error is shown at its field in Swedish and nothing typed is lost.
    await page.getByRole('link', { name: 'Lägg upp en insats' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Lägg upp en insats' })).toBeVisible();
    await expectAxeClean(page);
    await page.getByLabel('Kod', { exact: true }).fill(`e2e-${suffix}`);
    await page.getByLabel('Namn', { exact: true }).fill(`Jobbspår ${suffix}`);
    await page.getByLabel('Kod för fas 1').fill('Intro');
    await page.getByLabel('Namn på fas 1').fill('Introduktion');
    await page.getByLabel('Planerad längd för fas 1').fill('4');
    await page.getByRole('button', { name: 'Lägg till fas' }).click();
    await expect(page.getByLabel('Kod för fas 2')).toBeFocused();
    await page.keyboard.type('praktik');
    await page.getByLabel('Namn på fas 2').fill('Praktik');
    await page.getByLabel('Planerad längd för fas 2').fill('6');
    await page.getByLabel('Enhet för längden av fas 2').selectOption('months');
    // Reorder by keyboard and back again.
    await page.getByRole('button', { name: 'Flytta upp Fas 2' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Kod för fas 1')).toHaveValue('praktik');
    await page.getByRole('button', { name: 'Flytta ned Fas 1' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Kod för fas 1')).toHaveValue('Intro');
    await page.getByLabel('Platser per kalenderår').check();
    await page.getByLabel('Antal platser').fill('2');
    await page.getByLabel('Gäller från').fill(`${year}-01-01`);
    await page.getByRole('button', { name: 'Lägg upp insatsen' }).click();
    const summary = page.getByTestId('error-summary').first();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Koden får bara innehålla a–z');
    await expect(page.getByLabel('Kod för fas 1')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Namn', { exact: true })).toHaveValue(`Jobbspår ${suffix}`);
    await expectAxeClean(page);
    await page.getByLabel('Kod för fas 1').fill('intro');
    await page.getByRole('button', { name: 'Lägg upp insatsen' }).click();

    // Overview, then an intake.
    await expect(page.getByRole('heading', { level: 1, name: `Jobbspår ${suffix}` })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByRole('table', { name: 'Faser i ordning' }).locator('tbody tr')).toHaveCount(2);
    await expectAxeClean(page);
    await page.getByLabel('Startdatum').fill(`${year}-12-15`);
    await page.getByLabel(/Namn på intaget/).fill(`Vinterintag ${suffix}`);
    await page.getByRole('button', { name: 'Lägg upp intaget' }).click();
    const intakeLink = page.getByRole('link', { name: `Öppna intagstavlan för Vinterintag ${suffix}` });
    await expect(intakeLink).toBeVisible();
    await expectAxeClean(page);
    await intakeLink.click();

    // Intake board: two places, the third goes on the waiting list.
    await expect(page.getByRole('heading', { level: 1, name: /Intagstavla/ })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByTestId('places-left')).toHaveText('2');
    await expectAxeClean(page);
    await enrolByBoard(page, names[0]!);
    await expect(page.getByRole('status').filter({ hasText: 'är inskriven' })).toBeVisible();
    await expect(page.getByTestId('places-left')).toHaveText('1');
    await enrolByBoard(page, names[1]!);
    await expect(page.getByTestId('places-left')).toHaveText('0');
    await enrolByBoard(page, names[2]!);
    await expect(page.getByRole('status').filter({ hasText: 'står på väntelistan' })).toBeVisible();
    const waiting = page.getByRole('table', { name: 'Väntelistan i turordning' });
    await expect(waiting.locator('tbody tr')).toHaveCount(1);
    await expect(waiting).toContainText(names[2]!);
    await expectAxeClean(page);

    // Exit into work from the person's Insatser tab.
    await page.getByRole('link', { name: `Öppna insatserna för ${names[0]}, Insats` }).click();
    await expect(page.getByRole('heading', { level: 3, name: `Jobbspår ${suffix}` })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Avsluta', exact: true }).click();
    const exitForm = page.locator('form').filter({ has: page.getByText(`Avsluta Jobbspår ${suffix}`) });
    await exitForm.getByLabel('Avslutsdatum').fill(`${year}-12-20`);
    await exitForm.getByLabel('Arbete', { exact: true }).check();
    await exitForm.getByRole('button', { name: 'Avsluta insatsen' }).click();
    await expect(exitForm.getByTestId('error-summary')).toBeFocused();
    await expect(exitForm.getByTestId('error-summary')).toContainText('Fyll i anställningsform');
    await exitForm.getByLabel('Anställningsform').fill('Tillsvidareanställning');
    await exitForm.getByLabel(/Inkomstkälla vid avslut/).selectOption('lon');
    await exitForm.getByRole('button', { name: 'Avsluta insatsen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Insatsen är avslutad' })).toBeVisible();
    const followUps = page.getByRole('table', { name: /Uppföljningar efter avslut/ });
    await expect(followUps.locator('tbody tr')).toHaveCount(3);
    await expectAxeClean(page);

    // Follow-up at 6 months.
    await page.getByRole('button', { name: 'Registrera uppföljning efter 6 månader' }).click();
    const fuForm = page.locator('form').filter({ has: page.getByText(/Uppföljning 6 månader efter avslut/) });
    await fuForm.getByLabel('Vad gör personen nu?').selectOption('arbete');
    await fuForm.getByLabel(/Inkomstkälla/).selectOption('lon');
    await expectAxeClean(page);
    await fuForm.getByRole('button', { name: 'Spara uppföljningen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Uppföljningen är sparad' })).toBeVisible();
    await expect(followUps.locator('tbody tr').first()).toContainText('Genomförd');
    await expectAxeClean(page);
  });

  test('enhetschefen lägger upp en insats från fil och ser varför en deltagare inte får skrivas in', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    const suffix = Date.now().toString(36).slice(-5);
    const year = new Date().getFullYear();
    const chef = await apiAs(request, 'enhetschef');
    const unitId = chef.user.roles[0]!.unitId;
    const lastName = `Fil${suffix}`;
    await chef.post('/api/participants', {
      personnummer: personnummer('19850610', 100 + (Number.parseInt(suffix, 36) % 800)),
      firstName: 'Äldre',
      lastName,
      responsibleUnitId: unitId,
    });
    const definition = {
      code: `ung-${suffix}`,
      name: `Ungdomsspåret ${suffix}`,
      kind: 'anstallning',
      capacityMode: 'concurrent',
      capacities: [{ validFrom: `${year}-01-01`, places: 10 }],
      phases: [
        { code: 'intro', name: 'Introduktion', weeks: 2 },
        { code: 'anstallning', name: 'Anställning', months: 12 },
      ],
      eligibility: { minAge: 18, maxAge: 29 },
      priorityGroups: ['ung_vuxen'],
    };

    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await page.goto('/program/nytt');
    await expect(page.getByRole('heading', { level: 1, name: 'Lägg upp en insats' })).toBeVisible();
    // A file that is not JSON is refused with a message, linked to the file field.
    await page.getByLabel('Fil med insatsens definition (JSON)').setInputFiles({
      name: 'trasig.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ inte json'),
    });
    await expect(page.getByTestId('error-summary')).toContainText('Filen går inte att läsa som JSON');
    await page.getByLabel('Fil med insatsens definition (JSON)').setInputFiles({
      name: 'ungdomsspar.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(definition)),
    });
    const preview = page.getByRole('heading', { level: 3, name: 'Förhandsgranskning av ungdomsspar.json' });
    await expect(preview).toBeFocused();
    await expect(page.locator('.pg-preview')).toContainText('Introduktion – 2 veckor');
    await expect(page.locator('.pg-preview')).toContainText('10 samtidigt');
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Skapa insatsen från filen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Ungdomsspåret ${suffix}` })).toBeVisible();
    await waitForIdle(page);
    await expect(page.getByText('Lägst 18 år; Högst 29 år')).toBeVisible();

    await page.getByLabel('Startdatum').fill(`${year}-12-01`);
    await page.getByRole('button', { name: 'Lägg upp intaget' }).click();
    await page.getByRole('link', { name: `Öppna intagstavlan för Intag ${year}-12-01` }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Intagstavla/ })).toBeVisible();
    await waitForIdle(page);
    await enrolByBoard(page, lastName);
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(`Äldre ${lastName} uppfyller inte insatsens villkor`);
    await expect(summary).toContainText('högsta ålder är 29');
    await expect(page.getByRole('table', { name: 'Inskrivna i intaget' })).toHaveCount(0);
    await expectAxeClean(page);
  });

  test('fasbyte och paus från deltagarens flik Insatser, med tangentbordet', async ({ page, request }) => {
    const suffix = Date.now().toString(36).slice(-5);
    const year = new Date().getFullYear();
    const chef = await apiAs(request, 'enhetschef');
    const unitId = chef.user.roles[0]!.unitId;
    const person = await chef.post<{ id: string }>('/api/participants', {
      personnummer: personnummer('19920820', 100 + (Number.parseInt(suffix, 36) % 800)),
      firstName: 'Fas',
      lastName: `Bytare${suffix}`,
      responsibleUnitId: unitId,
    });
    const programme = await chef.post<{ id: string }>('/api/programmes', {
      code: `fas-${suffix}`,
      name: `Arbetsträning ${suffix}`,
      kind: 'aktivitet',
      unitId,
      phases: [
        { code: 'intro', name: 'Introduktion', weeks: 4 },
        { code: 'praktik', name: 'Praktik', months: 6 },
      ],
    });
    await chef.post(`/api/programmes/${programme.id}/enrolments`, {
      personId: person.id,
      startDate: `${year}-01-10`,
    });

    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await page.goto(`/deltagare/${person.id}/insatser`);
    await expect(page.getByRole('heading', { level: 3, name: `Arbetsträning ${suffix}` })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);

    const changePhase = page.getByRole('button', { name: 'Byt fas', exact: true });
    await changePhase.focus();
    await page.keyboard.press('Enter');
    await expect(changePhase).toHaveAttribute('aria-expanded', 'true');
    const phaseForm = page
      .locator(`form`)
      .filter({ has: page.getByText(`Byt fas i Arbetsträning ${suffix}`) });
    await expect(phaseForm.getByLabel('Ny fas')).toHaveValue('praktik');
    await phaseForm.getByLabel('Fasen börjar').fill(`${year}-02-07`);
    await expectAxeClean(page);
    await phaseForm.getByRole('button', { name: 'Spara fasbytet' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Fasen är bytt.' })).toBeVisible();
    const phases = page.getByRole('table', { name: `Faser för Arbetsträning ${suffix}` });
    await expect(phases.locator('tbody tr')).toHaveCount(2);
    await expect(phases.locator('tbody tr').nth(1)).toContainText('Pågår');

    await page.getByRole('button', { name: 'Paus eller förlängning' }).click();
    const pauseForm = page
      .locator('form')
      .filter({ has: page.getByText(`Paus eller förlängning i Arbetsträning ${suffix}`) });
    await pauseForm.getByLabel('Typ').selectOption('foraldraledighet');
    await pauseForm.getByLabel('Från och med').fill(`${year}-03-01`);
    await pauseForm.getByRole('button', { name: 'Spara och flytta planerat slut' }).click();
    await expect(pauseForm.getByTestId('error-summary')).toBeFocused();
    await expect(pauseForm.getByTestId('error-summary')).toContainText('Fyll i antal dagar');
    await expect(pauseForm.getByLabel('Från och med')).toHaveValue(`${year}-03-01`);
    await pauseForm.getByLabel('Antal dagar som planerat slut flyttas').fill('30');
    await pauseForm.getByRole('button', { name: 'Spara och flytta planerat slut' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Planerat slut är nu' })).toBeVisible();
    await expect(page.getByText(/Föräldraledighet \(paus\) från .*, 30 dagar/)).toBeVisible();
    await expectAxeClean(page);
  });
});
