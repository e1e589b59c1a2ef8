import * as client from 'openid-client';
import { MINUTE } from '../../clock.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit, SYSTEM_ORGANISATION_ID } from '../audit/record-event.ts';
import { type LoginResult, startSession } from './login.ts';
import { findUserByIdentity, findUserByUsername, linkIdentity } from './repo.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  label: string;
  /** When set, a first login links to the active local user whose user name equals this claim. */
  usernameClaim?: string;
  /** Only for tests against a provider on 127.0.0.1: allow http. */
  allowHttp?: boolean;
}

const PENDING_TTL_MS = 10 * MINUTE;

/** OIDC authorisation-code login with PKCE, state and nonce, behind the same session as password login. */
export class OidcLogin {
  private config: Promise<client.Configuration> | undefined;
  constructor(readonly settings: OidcSettings) {}

  private configuration(): Promise<client.Configuration> {
    this.config ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((err) => {
        this.config = undefined;
        throw err;
      });
    return this.config;
  }

  /** Returns the provider URL to redirect to, after storing state, nonce and the PKCE verifier. */
  async begin(ctx: Ctx, returnTo: string): Promise<URL> {
    const config = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const verifier = client.randomPKCECodeVerifier();
    const now = ctx.clock.now();
    await ctx.db
      .deleteFrom('oidc_login')
      .where('created_at', '<', new Date(now.getTime() - PENDING_TTL_MS))
      .execute();
    await ctx.db
      .insertInto('oidc_login')
      .values({ state, nonce, code_verifier: verifier, return_to: safeReturnTo(returnTo), created_at: now })
      .execute();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
  }

  /** Completes the login from the provider's callback URL. */
  async complete(ctx: Ctx, callbackUrl: URL): Promise<LoginResult & { returnTo: string }> {
    const config = await this.configuration();
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = await ctx.db
      .deleteFrom('oidc_login')
      .where('state', '=', state)
      .returningAll()
      .executeTakeFirst();
    const now = ctx.clock.now();
    if (!pending || now.getTime() - new Date(pending.created_at).getTime() > PENDING_TTL_MS) {
      await this.fail(ctx, 'unknown_or_expired_state');
    }
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending!.code_verifier,
        expectedState: state,
        expectedNonce: pending!.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      if (process.env.INSATS_DEBUG_OIDC) console.error(err);
      await this.fail(ctx, 'token_exchange_failed');
    }
    if (!claims?.sub) return this.fail(ctx, 'no_subject');
    const issuer = String(claims.iss);
    let user = await findUserByIdentity(ctx.db, issuer, claims.sub);
    if (!user && this.settings.usernameClaim) {
      const name = claims[this.settings.usernameClaim];
      const local = typeof name === 'string' ? await findUserByUsername(ctx.db, name) : undefined;
      if (local?.active) {
        await ctx.db.transaction().execute(async (tx) => {
          await linkIdentity(tx, local.organisation_id, local.id, issuer, claims.sub);
          await recordAudit(tx, ctx, {
            action: 'update',
            objectType: 'user_identity',
            objectId: local.id,
            organisationId: local.organisation_id,
            actorUserId: local.id,
            actorUsername: local.username,
            details: { linked: 'oidc', issuer },
          });
        });
        user = {
          organisation_id: local.organisation_id,
          id: local.id,
          username: local.username,
          active: true,
        };
      }
    }
    if (!user?.active) return this.fail(ctx, 'unknown_user', 'oidc_unknown_user');
    const result = await startSession(
      ctx,
      { organisationId: user.organisation_id, userId: user.id, username: user.username },
      'oidc',
    );
    return { ...result, returnTo: pending!.return_to };
  }

  private async fail(
    ctx: Ctx,
    reason: string,
    code: 'oidc_failed' | 'oidc_unknown_user' = 'oidc_failed',
  ): Promise<never> {
    await ctx.db.transaction().execute((tx) =>
      recordAudit(tx, ctx, {
        action: 'login',
        outcome: 'failure',
        organisationId: SYSTEM_ORGANISATION_ID,
        details: { method: 'oidc', reason },
      }),
    );
    throw new AppError(401, code, code);
  }
}

/** Only same-site paths are allowed as the place to return to after login. */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  return value;
}
