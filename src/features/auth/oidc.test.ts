import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { startOidcProvider } from '../../../test/oidc-provider.ts';
import { safeReturnTo } from './oidc.ts';

let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let t: TestApp;
const CALLBACK = 'http://localhost/api/auth/oidc/callback';

beforeAll(async () => {
  provider = await startOidcProvider({ clientId: 'insats', clientSecret: 's3cret' });
  t = await createTestApp({
    env: {
      INSATS_OIDC_ISSUER: provider.issuer,
      INSATS_OIDC_CLIENT_ID: 'insats',
      INSATS_OIDC_CLIENT_SECRET: 's3cret',
      INSATS_OIDC_REDIRECT_URI: CALLBACK,
      INSATS_OIDC_LABEL: 'Kommunens inloggning',
      INSATS_OIDC_USERNAME_CLAIM: 'preferred_username',
    },
  });
});
afterAll(async () => {
  await t.close();
  await provider.close();
});

/** Follows the browser's path: app → provider → app callback. Returns the callback response. */
async function oidcRoundTrip(returnTo = '/deltagare') {
  const start = await t.request('GET', `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorizeUrl = new URL(start.headers.get('location')!);
  expect(authorizeUrl.origin).toBe(provider.issuer);
  expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
  const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  const back = new URL(atProvider.headers.get('location')!);
  expect(back.href.startsWith(CALLBACK)).toBe(true);
  return t.request('GET', `${back.pathname}${back.search}`);
}

describe('OIDC login', () => {
  it('offers OIDC in the login options', async () => {
    const res = await t.request('GET', '/api/auth/config');
    expect(await res.json()).toEqual({ oidc: { enabled: true, label: 'Kommunens inloggning' } });
  });

  it('signs in through the provider, links the identity, and lands on the requested page', async () => {
    provider.state.user = { sub: 'oidc-sub-42', preferred_username: 'handlaggare' };
    const res = await oidcRoundTrip('/deltagare');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/deltagare');
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^__Host-insats_session=/);
    const me = await t.app.request('/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('handlaggare');
    const link = await t.db
      .selectFrom('user_identity')
      .selectAll()
      .where('subject', '=', 'oidc-sub-42')
      .executeTakeFirst();
    expect(link?.issuer).toBe(provider.issuer);
    const logins = await t.db.selectFrom('audit_event').selectAll().where('action', '=', 'login').execute();
    expect(
      logins.some((e) => (e.details as { method?: string }).method === 'oidc' && e.outcome === 'success'),
    ).toBe(true);
  });

  it('uses the stored link on the next login even if the user-name claim changes', async () => {
    provider.state.user = { sub: 'oidc-sub-42', preferred_username: 'someone-else' };
    const res = await oidcRoundTrip('/');
    expect(res.status).toBe(302);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await t.app.request('/api/auth/me', { headers: { cookie } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('handlaggare');
  });

  it('refuses a provider user with no local account, and audits it', async () => {
    provider.state.user = { sub: 'stranger', preferred_username: 'not-a-user' };
    const res = await oidcRoundTrip('/');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('oidc_unknown_user');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a callback with an unknown or replayed state', async () => {
    provider.state.user = { sub: 'oidc-sub-42' };
    const start = await t.request('GET', '/api/auth/oidc/login');
    const atProvider = await fetch(new URL(start.headers.get('location')!), { redirect: 'manual' });
    const back = new URL(atProvider.headers.get('location')!);
    const first = await t.request('GET', `${back.pathname}${back.search}`);
    expect(first.status).toBe(302);
    const replay = await t.request('GET', `${back.pathname}${back.search}`);
    expect(replay.status).toBe(401);
    const forged = await t.request('GET', '/api/auth/oidc/callback?code=abc&state=forged');
    expect(forged.status).toBe(401);
  });

  it('only returns to same-site paths', () => {
    expect(safeReturnTo('/a/b?c=1')).toBe('/a/b?c=1');
    expect(safeReturnTo('//evil.example/x')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo('/\\evil')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });
});
