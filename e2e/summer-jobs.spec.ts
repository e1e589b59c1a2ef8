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

/** Signs in through the API and returns a GET helper with the session (for reading the outbox). */
async function staffApi(request: APIRequestContext) {
  const res = await request.post('/api/auth/login', {
    data: { username: 'jobbmaklare', password: demoPassword('jobbmaklare') },
  });
  expect(res.status()).toBe(200);
  return {
    /** The link (path, query and fragment) in the newest mail of a kind to a recipient. */
    async linkIn(recipient: string, kind: 'ferie-kvitto' | 'ferie-erbjudande'): Promise<string> {
      const r = await request.get('/api/summer-jobs/outbox');
      expect(r.status()).toBe(200);
      const mails = (await r.json()) as {
        recipient: string;
        kind: string;
        body: string;
        createdAt: string;
      }[];
      const mail = mails
        .filter((m) => m.recipient === recipient && m.kind === kind)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      expect(mail, `no ${kind} mail to ${recipient}`).toBeTruthy();
      return /(\/ferie\/\S+#\S+)/.exec(mail!.body)![1]!;
    },
  };
}

const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('efter ansökningstiden säger länken att ansökan inte längre kan ändras (axe)', async ({
  page,
  request,
}) => {
  const login = await request.post('/api/auth/login', {
    data: { username: 'jobbmaklare', password: demoPassword('jobbmaklare') },
  });
  const { csrfToken, user } = (await login.json()) as {
    csrfToken: string;
    user: { organisation: { id: string } };
  };
  const year = new Date().getUTCFullYear();
  const post = async <T>(path: string, data: unknown): Promise<T> => {
    const r = await request.post(path, { data, headers: { 'x-csrf-token': csrfToken } });
    expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
  const wp = await post<{ id: string }>('/api/workplaces', {
    kind: 'kommunal',
    name: `Stängd ${Date.now()}`,
  });
  const closesAt = Date.now() + 12_000;
  const season = await post<{ id: string }>('/api/summer-jobs/seasons', {
    name: `Snart stängd ${Date.now()}`,
    year,
    birthYearFrom: year - 19,
    birthYearTo: year - 16,
    hoursPerDay: 6,
    hourlyPaySek: 100,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
    mechanism: 'lottery',
    periods: [{ code: 'P1', startsOn: `${year + 1}-06-15`, endsOn: `${year + 1}-07-03` }],
  });
  const slot = await post<{ id: string }>(`/api/summer-jobs/seasons/${season.id}/slots`, {
    workplaceId: wp.id,
    period: 'P1',
    area: 'Centrum',
    places: 1,
  });
  const email = `sen-${Date.now()}@example.se`;
  const r = await request.post(
    `/api/public/summer-jobs/${user.organisation.id}/seasons/${season.id}/applications`,
    {
      data: {
        personnummer: personnummer(`${year - 18}-01-10`, 468),
        firstName: 'Sam',
        lastName: 'Sen',
        municipalityCode: '1480',
        email,
        firstTime: true,
        choices: [{ slotId: slot.id }],
      },
    },
  );
  expect(r.status(), await r.text()).toBe(201);
  const mails = (await (await request.get('/api/summer-jobs/outbox')).json()) as {
    recipient: string;
    body: string;
  }[];
  const link = /(\/ferie\/\S+#\S+)/.exec(mails.find((m) => m.recipient === email)!.body)![1]!;
  // Before the window closes the form is there; afterwards the page says it can no longer be changed.
  await page.goto(link);
  await expect(page.getByRole('form', { name: 'Ändra din ansökan' })).toBeVisible();
  await page.waitForTimeout(Math.max(0, closesAt - Date.now() + 500));
  await page.reload();
  await expect(
    page.getByText('Ansökningstiden har gått ut. Din ansökan kan inte längre ändras.'),
  ).toBeVisible();
  await expect(page.getByRole('form', { name: 'Ändra din ansökan' })).toHaveCount(0);
  await expectAxeClean(page);
});

/**
 * The whole chain in the browser, one step per test: staff set up a season with places and a
 * supervisor; a youth applies, changes the application through the mailed link; staff run and publish
 * the allocation; the youth accepts through the offer link; the supervisor reports hours; staff
 * download the payroll file. Axe on every page.
 */
test.describe
  .serial('Feriearbete från säsong till lönefil', () => {
    const stamp = Date.now();
    const seasonName = `Feriearbete kedja ${stamp}`;
    const year = new Date().getFullYear();
    const email = `ung-${stamp}@example.se`;
    const pnr = personnummer(`${year - 17}-03-03`, 357);
    let applyPath = '';
    let workplaces: string[] = [];
    let reference = '';
    /** How the e-service names a place in its choice lists. */
    const slotLabel = (name: string) => `${name} (Centrum), period P1 ${year + 1}-06-14 – ${year + 1}-07-02`;

    test('personalen lägger upp en säsong med platser och kopplar en handledare', async ({ page }) => {
      await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
      await page.goto('/ferie');
      await waitForIdle(page);
      await page.getByRole('button', { name: 'Lägg upp en ny säsong' }).click();
      const form = page.getByRole('form', { name: 'Lägg upp en ny säsong' });
      await expect(form).toBeVisible();
      await expectAxeClean(page);

      // Nothing filled in: the summary takes focus and links to the fields.
      await form.getByRole('button', { name: 'Lägg upp säsongen' }).click();
      const summary = form.getByTestId('error-summary');
      await expect(summary).toBeFocused();
      await summary.getByRole('link', { name: 'Fyll i säsongens namn.' }).click();
      await expect(form.getByLabel('Namn', { exact: true })).toBeFocused();
      await expect(form.getByLabel('Timlön i kronor')).toHaveAttribute('aria-invalid', 'true');
      await expectAxeClean(page);

      const today = new Date();
      await form.getByLabel('Namn', { exact: true }).fill(seasonName);
      await form.getByLabel('År', { exact: true }).fill(String(year + 1));
      await form.getByLabel('Födelseår från (äldsta)').fill(String(year - 19));
      await form.getByLabel('Födelseår till (yngsta)').fill(String(year - 16));
      await form.getByLabel(/Kommun där den sökande/).fill('1480');
      await form.getByLabel('Timmar per dag').fill('6');
      await form.getByLabel('Timlön i kronor').fill('98,50');
      await form.getByLabel('Ansökan öppnar').fill(isoDay(today));
      await form.getByLabel('Sista ansökningsdag').fill(isoDay(new Date(today.getTime() + 30 * 86_400_000)));
      await form.getByLabel('Högsta antal val per sökande').fill('2');
      await form.getByLabel(/^Optimal/).check();
      await form.getByLabel('Dagar att svara på ett erbjudande').fill('3');
      await form.getByLabel('Första dag i period 1').fill(`${year + 1}-06-14`);
      // A period ending before it starts is refused at its field.
      await form.getByLabel('Sista dag i period 1').fill(`${year + 1}-06-01`);
      await form.getByRole('button', { name: 'Lägg upp säsongen' }).click();
      await expect(
        summary.getByRole('link', { name: 'Period 1 kan inte sluta före den börjar.' }),
      ).toBeVisible();
      await form.getByLabel('Sista dag i period 1').fill(`${year + 1}-07-02`);
      await form.getByRole('button', { name: 'Lägg upp säsongen' }).click();
      await expect(page.getByText('Säsongen är upplagd. Lägg till platser nedan.')).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: seasonName })).toBeVisible();

      // Two places from the register, in period P1.
      const slotForm = page.getByRole('form', { name: 'Lägg till platser' });
      const options = slotForm.getByLabel('Arbetsplats', { exact: true }).locator('option');
      workplaces = [(await options.nth(1).textContent()) ?? '', (await options.nth(2).textContent()) ?? ''];
      for (const name of workplaces) {
        await slotForm.getByLabel('Arbetsplats', { exact: true }).selectOption({ label: name });
        await slotForm.getByLabel('Antal platser').fill('1');
        await slotForm.getByLabel('Område').fill('Centrum');
        await slotForm.getByRole('button', { name: 'Lägg till platserna' }).click();
        await expect(
          page
            .getByRole('table', { name: `Platser i ${seasonName}` })
            .getByRole('cell', { name, exact: true }),
        ).toBeVisible();
      }
      // The same workplace and period again: the server's message is shown at the period.
      await slotForm.getByLabel('Arbetsplats', { exact: true }).selectOption({ label: workplaces[0]! });
      await slotForm.getByLabel('Område').fill('Centrum');
      await slotForm.getByRole('button', { name: 'Lägg till platserna' }).click();
      await expect(slotForm.getByTestId('error-summary')).toBeFocused();
      await expect(slotForm.getByLabel('Period', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await expectAxeClean(page);

      // The demo's handledare supervises the second workplace.
      const supForm = page.getByRole('form', { name: 'Koppla en handledare till en arbetsplats' });
      await supForm.getByLabel('Handledare', { exact: true }).selectOption({ label: 'Hugo Handledare' });
      await supForm.getByLabel('Arbetsplats för handledaren').selectOption({ label: workplaces[1]! });
      await supForm.getByRole('button', { name: 'Koppla handledaren' }).click();
      await expect(
        page.getByRole('table', { name: 'Handledare och deras arbetsplatser' }).getByRole('cell', {
          name: new RegExp(workplaces[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
        }),
      ).toBeVisible();
      await expectAxeClean(page);
      applyPath = (await page.getByRole('link', { name: 'Ansökningsformuläret' }).getAttribute('href')) ?? '';
      expect(applyPath).toMatch(/^\/ferie\/ansok\/[0-9a-f-]+\/[0-9a-f-]+$/);
    });

    test('en ungdom söker till den första arbetsplatsen', async ({ page }) => {
      await page.goto(applyPath);
      await waitForIdle(page);
      await page.getByLabel('Personnummer').fill(pnr);
      await page.getByLabel('Förnamn').fill('Vera');
      await page.getByLabel('Efternamn').fill('Lind');
      await page.getByLabel('E-post', { exact: true }).fill(email);
      await page.getByLabel('Vårdnadshavarens namn').fill('Per Lind');
      await page.getByLabel('Vårdnadshavarens e-post').fill('per.lind@example.se');
      await page.getByLabel('Vårdnadshavaren samtycker till ansökan').check();
      await page.getByLabel('Val 1').selectOption({ label: slotLabel(workplaces[0]!) });
      await page.getByRole('button', { name: 'Skicka ansökan' }).click();
      await expect(page.getByTestId('reference')).toHaveText(/^F\d{4}-[A-Z0-9]{8}$/);
      reference = (await page.getByTestId('reference').textContent()) ?? '';
      await expectAxeClean(page);
    });

    test('ungdomen öppnar länken i e-posten och ändrar ansökan', async ({ page, request }) => {
      const staff = await staffApi(request);
      await page.goto(await staff.linkIn(email, 'ferie-kvitto'));
      await expect(page.getByRole('heading', { level: 1, name: 'Din ansökan om feriearbete' })).toBeVisible();
      await expect(page.getByTestId('own-reference')).toHaveText(reference);
      await expect(page.getByTestId('own-choices')).toContainText(workplaces[0]!);
      await expectAxeClean(page);

      const form = page.getByRole('form', { name: 'Ändra din ansökan' });
      const summary = form.getByTestId('error-summary');
      // A broken e-mail address is caught at the field.
      await form.getByLabel('E-post', { exact: true }).fill('inte-en-adress');
      await form.getByRole('button', { name: 'Spara ändringarna' }).click();
      await expect(summary).toBeFocused();
      await summary.getByRole('link', { name: /giltig e-postadress/ }).click();
      await expect(form.getByLabel('E-post', { exact: true })).toBeFocused();
      await expect(form.getByLabel('E-post', { exact: true })).toHaveAttribute('aria-invalid', 'true');
      await form.getByLabel('E-post', { exact: true }).fill(email);
      // Under 18: the guardian's consent cannot be withdrawn — the server's message lands at the box.
      await form.getByLabel('Vårdnadshavaren samtycker till ansökan').uncheck();
      await form.getByRole('button', { name: 'Spara ändringarna' }).click();
      await expect(summary).toBeFocused();
      await expect(summary.getByRole('link', { name: /vårdnadshavare/ })).toBeVisible();
      await expect(form.getByLabel('Vårdnadshavaren samtycker till ansökan')).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      await expectAxeClean(page);
      // A valid change: new phone and consent, the second workplace first.
      await form.getByLabel('Vårdnadshavaren samtycker till ansökan').check();
      await form.getByLabel('Mobilnummer (frivilligt)').fill('070-123 45 67');
      await form.getByLabel('Val 1').selectOption({ label: slotLabel(workplaces[1]!) });
      await form.getByLabel('Val 2').selectOption({ label: slotLabel(workplaces[0]!) });
      await form.getByRole('button', { name: 'Spara ändringarna' }).click();
      await expect(page.getByText('Dina ändringar är sparade.')).toBeVisible();
      await expect(page.getByTestId('own-choices').getByRole('listitem').first()).toContainText(
        workplaces[1]!,
      );
      await expectAxeClean(page);
    });

    test('personalen kör fördelningen och publicerar den', async ({ page }) => {
      await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
      await page.goto('/ferie');
      await waitForIdle(page);
      await page.getByLabel('Säsong', { exact: true }).selectOption({ label: seasonName });
      await expect(page.getByRole('heading', { level: 2, name: seasonName })).toBeVisible();
      await page.getByRole('button', { name: 'Kör fördelningen (optimal och lottning)' }).click();
      await expect(page.getByText('Fördelningen är körd i båda lägena.')).toBeVisible();
      const runs = page.getByRole('table', { name: 'Körningar' });
      await expect(runs.getByRole('row')).toHaveCount(3);
      await expectAxeClean(page);
      await runs
        .getByRole('row', { name: /Optimal/ })
        .getByRole('button', { name: /Publicera/ })
        .click();
      await expect(page.getByText('1 erbjudanden skickade.')).toBeVisible();
      await expect(page.getByText(/Erbjudna 1, accepterade 0/)).toBeVisible();
      await expectAxeClean(page);
    });

    test('ungdomen tackar ja via länken i erbjudandet', async ({ page, request }) => {
      const staff = await staffApi(request);
      await page.goto(await staff.linkIn(email, 'ferie-erbjudande'));
      await expect(
        page.getByRole('heading', { level: 1, name: 'Svara på erbjudandet om feriearbete' }),
      ).toBeVisible();
      await expectAxeClean(page);
      // Keyboard only: focus the button and press Enter.
      await page.getByRole('button', { name: 'Tacka ja' }).focus();
      await page.keyboard.press('Enter');
      await expect(page.getByText('Du har tackat ja till platsen. Välkommen!')).toBeVisible();
      await expectAxeClean(page);
    });

    test('handledaren rapporterar timmarna', async ({ page }) => {
      await login(page, 'handledare', demoPassword('handledare'));
      await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Ferietimmar' })
        .click();
      await expect(page.getByRole('heading', { level: 1, name: 'Ferietimmar' })).toBeVisible();
      await waitForIdle(page);
      const form = page.getByRole('form', { name: new RegExp(reference) });
      await expect(form).toContainText('Vera Lind');
      await expect(form).toContainText(workplaces[1]!);
      await expectAxeClean(page);
      const hours = form.getByLabel(`Arbetade timmar för ${reference} i period P1`);
      // More than the period allows: the server's message is shown at the field.
      await hours.fill('1000');
      await form.getByRole('button', { name: /Spara timmarna/ }).click();
      await expect(form.getByTestId('error-summary')).toBeFocused();
      await expect(hours).toHaveAttribute('aria-invalid', 'true');
      // Keyboard only: Enter in the field sends the form.
      await hours.fill('60');
      await hours.press('Enter');
      await expect(form.getByText('Rapporterat: 60 timmar.')).toBeVisible();
      await expect(hours).not.toHaveAttribute('aria-invalid', 'true');
      await expectAxeClean(page);
    });

    test('personalen laddar ner lönefilen', async ({ page }) => {
      await login(page, 'jobbmaklare', demoPassword('jobbmaklare'));
      await page.goto('/ferie');
      await waitForIdle(page);
      await page.getByLabel('Säsong', { exact: true }).selectOption({ label: seasonName });
      await expect(page.getByText(/Erbjudna 0, accepterade 1/)).toBeVisible();
      await expectAxeClean(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Lönefil (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('ferie-lon.csv');
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const csv = (await readFile(path)).toString('utf8');
      expect(csv).toContain('Personnummer;Namn;Period;Timmar');
      expect(csv).toContain(`${pnr};Lind, Vera;P1;60;98,5;5910`);
    });
  });
