import { expect, type Page, test } from '@playwright/test';
import { createSeededRng, syntheticPersonnummer } from '../src/domain/personnummer.ts';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

/**
 * Case work on one person as a handläggare: register the person, referral and intake decision,
 * kartläggning, handlingsplan with its PDF, a meeting with attendance staff, and a journal note with a
 * correction. Axe runs on every page and after each form.
 */

interface Me {
  csrfToken: string;
  user: { id: string; roles: { role: string; unitId: string }[] };
}

/** Registers a person through the registry's API as the signed-in user; returns its id. */
async function registerPerson(page: Page, firstName: string, lastName: string): Promise<string> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as Me;
  const rng = createSeededRng(Date.now() % 100_000);
  const res = await page.request.post('/api/participants', {
    headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
    data: {
      personnummer: syntheticPersonnummer(rng, { birthDate: '1991-04-17', sex: 'K' }),
      firstName,
      lastName,
      responsibleUnitId: me.user.roles[0]!.unitId,
      caseWorkerUserId: me.user.id,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Opens one case-work tab of the person page through the page's tab links. */
async function openTab(page: Page, personId: string, tab: string, heading: string): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith(`/deltagare/${personId}`)) {
    await page.goto(`/deltagare/${personId}`);
    await waitForIdle(page);
  }
  await page
    .getByRole('navigation', { name: 'Flikar för deltagaren' })
    .getByRole('link', { name: tab })
    .click();
  await expect(page).toHaveURL(new RegExp(`/deltagare/${personId}/`));
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
  await waitForIdle(page);
}

function isoDay(offsetDays: number): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test.describe('Ärendearbete', () => {
  test('anvisning, beslut, kartläggning, plan, möte och journal', async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, 'handlaggare', demoPassword('handlaggare'));
    const personId = await registerPerson(page, 'Amira', 'Exempelsson');

    // Anvisning, keyboard only: radio by Space, fields by typing, submit by Enter.
    await openTab(page, personId, 'Anvisningar', 'Anvisningar');
    await expect(page.getByText('Det finns inga anvisningar för personen.')).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Registrera anvisning' }).click();
    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText([
      'Välj varifrån anvisningen kommer.',
      'Ange skälet till anvisningen.',
    ]);
    await expect(page.getByLabel('Skäl till anvisningen')).toHaveAttribute('aria-invalid', 'true');
    await expectAxeClean(page);
    await summary.getByRole('link', { name: 'Välj varifrån anvisningen kommer.' }).click();
    await expect(page.getByRole('radio', { name: 'Ekonomiskt bistånd (socialtjänsten)' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('radio', { name: 'Ekonomiskt bistånd (socialtjänsten)' })).toBeChecked();
    await page.getByLabel('Anvisande handläggare (namn)').fill('Siv Socialsekreterare');
    await page.getByLabel('Skäl till anvisningen').focus();
    await page.keyboard.type('Behöver stöd att komma närmare arbete.');
    await page.getByLabel('Önskad insats').focus();
    await page.keyboard.type('JOBBSPAR-VARD');
    await page.keyboard.press('Enter');
    const referral = page.getByRole('article', { name: /Anvisning .* – Ekonomiskt bistånd/ });
    await expect(referral).toBeVisible();
    await expect(referral.getByText('Väntar på beslut')).toBeVisible();
    await expectAxeClean(page);

    // Intake decision: accept with a start date.
    await referral.getByRole('radio', { name: 'Anta' }).check();
    await referral.getByLabel('Startdatum').fill(isoDay(7));
    await referral.getByRole('button', { name: 'Spara beslut' }).click();
    await expect(referral.getByText('Antagen')).toBeVisible();
    await expect(referral.getByText('Dagar från anvisning till start')).toBeVisible();
    await expectAxeClean(page);

    // Kartläggning with the demo form: errors per question first, then a saved assessment.
    await openTab(page, personId, 'Kartläggning', 'Kartläggning');
    await page.getByRole('button', { name: 'Starta ny kartläggning' }).click();
    await expect(page.getByRole('heading', { name: 'Ny kartläggning', level: 3 })).toBeVisible();
    await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
    await expect(summary).toBeFocused();
    await expect(
      summary.getByRole('link', { name: /Svara på frågan ”Högsta avslutade utbildning”/ }),
    ).toBeVisible();
    await expectAxeClean(page);
    await page
      .getByRole('group', { name: /Högsta avslutade utbildning/ })
      .getByRole('radio', { name: 'Gymnasium' })
      .check();
    await page
      .getByRole('group', { name: /Hur väl talar du svenska/ })
      .getByRole('radio', { name: '4' })
      .check();
    await page
      .getByRole('group', { name: /Har du arbetat tidigare/ })
      .getByRole('radio', { name: 'Ja' })
      .check();
    await page
      .getByRole('group', { name: /svårt att arbeta/ })
      .getByRole('checkbox', { name: 'Språk' })
      .check();
    await page.getByLabel(/Vilket arbete eller vilken utbildning vill du ha/).fill('Undersköterska');
    await page.getByLabel('Styrkor').fill('Noggrann\nBra på att lyssna');
    await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
    const assessment = page.getByRole('article', { name: /Kartläggning / });
    await expect(assessment).toBeVisible();
    await expect(
      assessment.getByText('Formulär: Kartläggning – arbete och studier, version 1'),
    ).toBeVisible();
    await expect(assessment.getByText('Undersköterska')).toBeVisible();
    await expectAxeClean(page);

    // Handlingsplan: a goal and an activity, then the PDF.
    await openTab(page, personId, 'Handlingsplan', 'Handlingsplan');
    await page.getByLabel('Mål', { exact: true }).fill('Få ett arbete inom äldreomsorgen');
    await page.getByRole('button', { name: 'Lägg till mål' }).click();
    await expect(page.getByText('Få ett arbete inom äldreomsorgen').first()).toBeVisible();
    const activityForm = page.getByRole('form', { name: 'Lägg till aktivitet' });
    await activityForm.getByLabel('Typ av aktivitet').selectOption('praktik');
    await activityForm.getByLabel('Beskrivning').fill('Praktik på Solgårdens äldreboende');
    await activityForm.getByLabel('Ansvarig').selectOption('jobbmaklare');
    await activityForm.getByRole('button', { name: 'Lägg till aktivitet' }).click();
    await expect(page.getByText('Praktik på Solgårdens äldreboende').first()).toBeVisible();
    await expectAxeClean(page);
    const pdfLink = page.getByRole('link', { name: 'Skriv ut plan (PDF)' });
    const pdf = await page.request.get((await pdfLink.getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Möte with a staff member and an external person.
    await openTab(page, personId, 'Möten', 'Möten');
    await expect(page.getByText('Inga möten är bokade.')).toBeVisible();
    await page.getByLabel('Datum', { exact: true }).fill(isoDay(3));
    await page.getByLabel('Tid', { exact: true }).fill('10:00');
    await page.getByLabel('Plats').fill('Jobbcentrum, rum 3');
    await page.getByLabel('Syfte').fill('Gå igenom praktikplatser');
    await page.getByRole('checkbox', { name: 'Jonas Jobbmäklare (Jobbmäklare)' }).check();
    await page.getByRole('button', { name: 'Lägg till extern deltagare' }).click();
    await page.getByLabel('Namn, extern deltagare 1').fill('Karin Arbetsgivare');
    await page.getByLabel('Roll, extern deltagare 1').fill('Handledare');
    await page.getByRole('button', { name: 'Boka mötet' }).click();
    const meeting = page.getByRole('article').filter({ hasText: 'Gå igenom praktikplatser' });
    await expect(meeting).toBeVisible();
    await expect(meeting.getByText('Karin Arbetsgivare, Handledare')).toBeVisible();
    await expect(page.getByText('Inga möten är bokade.')).toHaveCount(0);
    await expectAxeClean(page);

    // Journal: a contact note, then a correction attached to it.
    await openTab(page, personId, 'Journal', 'Journal');
    await page.getByLabel('Anteckning', { exact: true }).fill('Ringde och bokade möte om praktik.');
    await page.getByLabel('Kontakt med deltagaren').selectOption('telefon');
    await page.getByRole('button', { name: 'Spara anteckningen' }).click();
    const note = page.getByRole('article').filter({ hasText: 'Ringde och bokade möte om praktik.' });
    await expect(note).toBeVisible();
    await expect(note.getByText(/Kontakt: Telefon/)).toBeVisible();
    await note.getByRole('button', { name: 'Rätta anteckningen' }).click();
    await note.getByLabel('Rättelse').fill('Det var ett sms, inte ett samtal.');
    await note.getByRole('button', { name: 'Spara rättelsen' }).click();
    await expect(note.getByText('Det var ett sms, inte ett samtal.')).toBeVisible();
    await expect(note.getByText('Ringde och bokade möte om praktik.')).toBeVisible();
    await expectAxeClean(page);
  });

  test('enhetschefen ändrar kartläggningsformuläret till en ny version', async ({ page }) => {
    await login(page, 'enhetschef', demoPassword('enhetschef'));
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Kartläggningsformulär' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Kartläggningsformulär' })).toBeFocused();
    await waitForIdle(page);
    await expectAxeClean(page);
    const row = page.getByRole('row').filter({ hasText: 'Kartläggning – arbete och studier' });
    const version = Number(await row.getByRole('cell').nth(1).textContent());
    await row.getByRole('button', { name: 'Ändra Kartläggning – arbete och studier' }).click();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Ändra Kartläggning – arbete och studier' }),
    ).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Lägg till fråga' }).click();
    const last = page.getByRole('group', { name: /^Fråga \d+$/ }).last();
    await last.getByLabel('Frågetext').fill('Läser du sfi just nu?');
    await last.getByLabel('Svarstyp').selectOption('yes_no');
    await page.getByRole('button', { name: 'Spara som ny version' }).click();
    await expect(row.getByRole('cell').nth(1)).toHaveText(String(version + 1));
    await expectAxeClean(page);
  });
});
