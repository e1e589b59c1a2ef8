import { expect, test } from '@playwright/test';
import { demoPassword, expectAxeClean, login, waitForIdle } from './helpers.ts';

test.describe('Inloggning', () => {
  test('inloggningssidan har rubrik, titel och inga tillgänglighetsfel', async ({ page }) => {
    await page.goto('/logga-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeVisible();
    await expect(page).toHaveTitle('Logga in – Insats');
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expectAxeClean(page);
  });

  test('tomma fält ger felsammanfattning med länkar till fälten', async ({ page }) => {
    await page.goto('/logga-in');
    await page.getByRole('button', { name: 'Logga in' }).click();

    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.getByRole('link')).toHaveText(['Ange ditt användarnamn', 'Ange ditt lösenord']);

    const username = page.getByLabel('Användarnamn');
    await expect(username).toHaveAttribute('aria-invalid', 'true');
    await expect(username).toHaveAccessibleDescription(/Ange ditt användarnamn/);

    await summary.getByRole('link', { name: 'Ange ditt lösenord' }).click();
    await expect(page.getByLabel('Lösenord')).toBeFocused();
    await expectAxeClean(page);
  });

  test('fel lösenord visar serverns meddelande i felsammanfattningen', async ({ page }) => {
    await page.goto('/logga-in');
    await page.getByLabel('Användarnamn').fill('handlaggare');
    await page.getByLabel('Lösenord').fill('fel-losenord-123');
    const response = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Logga in' }).click();
    expect((await response).status()).toBe(401);

    const summary = page.getByTestId('error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary.locator('li')).toHaveCount(1);
    await expect(summary.locator('li')).not.toHaveText('');
    await expect(page.getByLabel('Lösenord')).toHaveValue('');
    await expect(page).toHaveURL(/\/logga-in$/);
    await expectAxeClean(page);
  });
});

test.describe('Inloggning med e-legitimation', () => {
  test('länken visas när servern har OIDC påslaget', async ({ page }) => {
    await page.route('**/api/auth/config', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ oidc: { enabled: true, label: 'Exempelby e-legitimation' } }),
      }),
    );
    await page.goto('/logga-in');
    const link = page.getByRole('link', { name: 'Logga in med Exempelby e-legitimation' });
    await expect(link).toHaveAttribute('href', '/api/auth/oidc/login');
    await expectAxeClean(page);
  });

  test('länken visas inte när OIDC är avstängt', async ({ page }) => {
    const config = page.waitForResponse((r) => r.url().endsWith('/api/auth/config'));
    await page.goto('/logga-in');
    const body = (await (await config).json()) as { oidc: { enabled: boolean } };
    await expect(page.getByRole('link', { name: /Logga in med/ })).toHaveCount(body.oidc.enabled ? 1 : 0);
  });
});

test.describe('Skalet som handläggare', () => {
  test('navigering, hopplänk, fokus, språkbyte och utloggning', async ({ page }) => {
    await login(page, 'handlaggare', demoPassword('handlaggare'));

    // Start page.
    await expect(page).toHaveURL(/\/$/);
    await expect(page).toHaveTitle('Översikt – Insats');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen, Hanna Handläggare');
    await expect(page.locator('.role-list')).toContainText('Handläggare');
    await expect(page.locator('.role-list')).toContainText('Jobbcentrum');
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await expect(nav.getByRole('link', { name: 'Översikt' })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('link', { name: 'Granskning' })).toHaveCount(0);
    await expectAxeClean(page);

    // Skip link: the first Tab stop after a full page load, and it moves focus to <main>.
    await page.reload();
    await waitForIdle(page);
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Hoppa till huvudinnehåll' });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
    await expect(page).toHaveURL(/\/$/);

    // 404 page, then an in-app navigation moves focus to the new page's h1 and announces it.
    await page.goto('/finns-inte');
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
    await expect(page).toHaveTitle('Sidan finns inte – Insats');
    await expectAxeClean(page);
    await page.getByRole('link', { name: 'Gå till översikten' }).click();
    await expect(page).toHaveURL(/\/$/);
    const h1 = page.getByRole('heading', { level: 1 });
    await expect(h1).toHaveText('Välkommen, Hanna Handläggare');
    await expect(h1).toBeFocused();
    await expect(page.getByTestId('route-announcer')).toHaveText('Översikt har laddats');

    // A page for another role shows "Åtkomst saknas" (the server would refuse the data anyway).
    await page.goto('/granskning');
    await expect(page.getByRole('heading', { level: 1, name: 'Åtkomst saknas' })).toBeVisible();
    await expectAxeClean(page);
    await nav.getByRole('link', { name: 'Översikt' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

    // Language switch to English (a real button, language name marked up with lang) and back.
    const toEnglish = page.getByRole('button', { name: 'English' });
    await expect(toEnglish.locator('[lang="en"]')).toHaveText('English');
    const meRequest = page.waitForRequest((r) => r.url().endsWith('/api/auth/me'));
    await toEnglish.click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Hanna Handläggare');
    await expect(page).toHaveTitle('Overview – Insats');
    await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
    await expect(page.locator('.role-list')).toContainText('Case worker');
    await page.reload();
    expect((await meRequest).headers()['accept-language']).toBe('en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Hanna Handläggare');
    await expectAxeClean(page);
    const toSwedish = page.getByRole('button', { name: 'Svenska' });
    await expect(toSwedish.locator('[lang="sv"]')).toHaveText('Svenska');
    await toSwedish.click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Välkommen, Hanna Handläggare');

    // Log out: POST with the CSRF token, then the login page.
    const logoutRequest = page.waitForRequest((r) => r.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: 'Logga ut' }).click();
    const sent = await logoutRequest;
    expect(sent.method()).toBe('POST');
    expect(sent.headers()['x-csrf-token']).toBeTruthy();
    expect((await sent.response())?.status()).toBe(204);
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(page.getByText('Du är nu utloggad.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Logga in' })).toBeFocused();

    // The session is really gone: a protected page sends us to the login page.
    await page.goto('/');
    await expect(page).toHaveURL(/\/logga-in$/);
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });
});

test.describe('Skyddade sidor', () => {
  test('oinloggad skickas till inloggningen och kommer tillbaka till avsedd sida', async ({ page }) => {
    await page.goto('/organisation');
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(page.getByText('Du behöver logga in för att se sidan.')).toBeVisible();
    await login(page, 'admin', demoPassword('admin'));
    await expect(page).toHaveURL(/\/organisation$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeVisible();
  });

  test('utgången session skickar till inloggningen med meddelande', async ({ page }) => {
    await login(page, 'granskare', demoPassword('granskare'));
    // Simulate the server expiring the session on the next request.
    await page.route('**/api/audit/events**', (route) =>
      route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'session_expired', message: 'Sessionen har gått ut.' } }),
      }),
    );
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Granskning' })
      .click();
    await expect(page).toHaveURL(/\/logga-in$/);
    await expect(
      page.getByText('Du har loggats ut efter en tids inaktivitet', { exact: false }),
    ).toBeVisible();
  });
});

test.describe('Granskning', () => {
  test('granskare ser granskningsloggen', async ({ page }) => {
    await login(page, 'granskare', demoPassword('granskare'));
    await expect(page.getByRole('link', { name: 'Granskning' }).first()).toBeVisible();
    await expectAxeClean(page);

    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Granskning' })
      .click();
    await expect(page).toHaveURL(/\/granskning$/);
    await expect(page).toHaveTitle('Granskningslogg – Insats');
    await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeFocused();
    await waitForIdle(page);

    const table = page.getByRole('table', { name: /Granskningshändelser/ });
    await expect(table).toBeVisible();
    await expect(table.getByRole('columnheader')).toHaveText([
      'Tid',
      'Användare',
      'Roll',
      'Åtgärd',
      'Objekt',
      'Utfall',
      'Syfte',
    ]);
    // Our own logins are audited, so there is at least one event.
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expectAxeClean(page);

    const older = page.getByRole('button', { name: 'Äldre händelser' });
    if (await older.isVisible()) {
      const before = await table.locator('tbody tr').count();
      await older.click();
      await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(before);
    }
  });
});

test.describe('Organisation', () => {
  test('administratör ser enheter och användare', async ({ page }) => {
    await login(page, 'admin', demoPassword('admin'));
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await expect(page).toHaveURL(/\/organisation$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Organisation' })).toBeFocused();
    await waitForIdle(page);

    const units = page.getByRole('table', { name: /Enheter i/ });
    await expect(units).toContainText('Jobbcentrum');
    const users = page.getByRole('table', { name: 'Användare och roller' });
    await expect(users).toContainText('handlaggare');
    await expect(users).toContainText('Granskare');
    await expectAxeClean(page);
  });
});
