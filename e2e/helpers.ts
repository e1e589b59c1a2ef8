import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Demo users created by the server's demo loader; password is `demo-<username>-2026`. */
export const demoUsers = [
  'handlaggare',
  'jobbmaklare',
  'syv',
  'enhetschef',
  'analytiker',
  'admin',
  'granskare',
  'handledare',
] as const;
export type DemoUsername = (typeof demoUsers)[number];

export function demoPassword(username: DemoUsername): string {
  return `demo-${username}-2026`;
}

/**
 * Sign in through the login form (works in either UI language) and wait until the app has left
 * the login page and shown the next page's heading.
 */
export async function login(page: Page, username: string, password: string): Promise<void> {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/logga-in')) {
    await page.goto('/logga-in');
  }
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('form button[type="submit"]').click();
  await expect(page).not.toHaveURL(/\/logga-in/);
  await expect(page.locator('main h1')).toBeVisible();
  await waitForIdle(page);
}

/** Wait until no loading indicator is shown in <main>. */
export async function waitForIdle(page: Page): Promise<void> {
  await expect(page.locator('main .loading')).toHaveCount(0);
}

/**
 * Run axe-core with the WCAG 2.0/2.1 A and AA rule sets and require zero violations.
 * On failure the message lists every rule, its impact, help text and each failing element.
 */
export async function expectAxeClean(page: Page): Promise<void> {
  await waitForIdle(page);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${node.target.join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `[${violation.impact ?? 'unknown'}] ${violation.id}: ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
  expect(
    results.violations.length,
    `axe found ${results.violations.length} violation(s) on ${page.url()}:\n\n${report}`,
  ).toBe(0);
}
