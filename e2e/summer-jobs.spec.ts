import { type APIRequestContext, expect, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

/** A valid, synthetic personnummer `YYYYMMDD-NNNC` for a birth date (Luhn over YYMMDDNNN). */
function personnummer(birth: string, serial: number): string {
  const digits = birth.replaceAll('-', '');
  const nine = `${digits.slice(2)}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  [...nine].forEach((ch, i) => {
    const p = Number(ch) * (i % 2 === 0 ? 2 : 1);
    sum += p > 9 ? p - 9 : p;
  });
  return `${digits}-${String(serial).padStart(3, '0')}${(10 - (sum % 10)) % 10}`;
}

/** Sets up a season open now, with one workplace and one slot, through the staff API. */
async function setUpSeason(request: APIRequestContext) {
  const res = await request.post('/api/auth/login', {
    data: { username: 'jobbmaklare', password: demoPassword('jobbmaklare') },
  });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { csrfToken: string; user: { organisation: { id: string } } };
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const r = await request.post(path, { data, headers: { 'x-csrf-token': body.csrfToken } });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
  const year = new Date().getUTCFullYear();
  const wp = await post<{ id: string }>('/api/workplaces', {
    kind: 'kommunal',
    name: `Ferie-biblioteket ${Date.now()}`,
    area: 'Centrum',
  });
  const season = await post<{ id: string }>('/api/summer-jobs/seasons', {
    name: `Feriearbete e2e ${Date.now()}`,
    year,
    birthYearFrom: year - 19,
    birthYearTo: year - 16,
    municipalityCode: '1480',
    hoursPerDay: 6,
    hourlyPaySek: 100,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    maxChoices: 2,
    mechanism: 'optimal',
    periods: [{ code: 'P1', startsOn: `${year + 1}-06-15`, endsOn: `${year + 1}-07-03` }],
  });
  await post(`/api/summer-jobs/seasons/${season.id}/slots`, {
    workplaceId: wp.id,
    period: 'P1',
    area: 'Centrum',
    places: 2,
  });
  return { organisationId: body.user.organisation.id, seasonId: season.id, year };
}

test.describe('Feriearbete', () => {
  test('en ungdom söker via e-tjänsten utan inloggning; fel länkas till fälten', async ({
    page,
    request,
  }) => {
    const { organisationId, seasonId, year } = await setUpSeason(request);
    await page.goto(`/ferie/ansok/${organisationId}/${seasonId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Ansök om feriearbete' })).toBeVisible();
    await waitForIdle(page);
    await expectAxeClean(page);

    // Empty form: the error summary gets focus and links to the fields.
    await page.getByRole('button', { name: 'Skicka ansökan' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await summary.getByRole('link', { name: 'Fyll i ditt personnummer.' }).click();
    await expect(page.getByLabel('Personnummer')).toBeFocused();
    await expectAxeClean(page);

    // A birth year outside the cohorts: the server's Swedish message is shown at the field.
    await page.getByLabel('Personnummer').fill(personnummer(`${year - 30}-05-05`, 123));
    await page.getByLabel('Förnamn').fill('Alva');
    await page.getByLabel('Efternamn').fill('Ek');
    await page.getByLabel('E-post', { exact: true }).fill('alva@example.se');
    await page.getByLabel('Val 1').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Skicka ansökan' }).click();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link', { name: /födelseåret/ })).toBeVisible();
    await expect(page.getByLabel('Personnummer')).toHaveAttribute('aria-invalid', 'true');

    // Valid (17 years old, so the guardian consents): a receipt with a reference.
    await page.getByLabel('Personnummer').fill(personnummer(`${year - 17}-02-02`, 246));
    await page.getByLabel('Vårdnadshavarens namn').fill('Karin Ek');
    await page.getByLabel('Vårdnadshavarens e-post').fill('karin@example.se');
    await page.getByLabel('Vårdnadshavaren samtycker till ansökan').check();
    await page.getByRole('button', { name: 'Skicka ansökan' }).click();
    await expect(page.getByTestId('reference')).toHaveText(/^F\d{4}-[A-Z0-9]{8}$/);
    await expectAxeClean(page);
  });

  test('jobbmäklaren når säsongssidan via menyn (axe)', async ({ page, request }) => {
    await setUpSeason(request);
    await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Feriearbete' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Feriearbete' })).toBeFocused();
    await waitForIdle(page);
    await expectAxeClean(page);
  });
});
