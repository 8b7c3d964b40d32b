import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { recordSignIn, recordSignInFailure } from "@/db/queries/users";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { authConfig } from "@/lib/auth/config";
import { activeSso, SSO_PROVIDER_ID, type SsoSettings } from "@/lib/auth/sso-settings";
import { resolveSsoUser } from "@/lib/auth/sso-sign-in";
import { verifyIdToken } from "@/lib/auth/verify-id-token";
import { logger } from "@/lib/logger";

/**
 * The whole Auth.js configuration, read per request: the credentials provider always, and the
 * OpenID Connect provider when single sign-on is enabled on /admin/connections (the settings read
 * on each request, so a change applies at once in every process).
 */
export async function authOptions(): Promise<NextAuthConfig> {
  const sso = await activeSso();
  return {
    ...authConfig,
    // Auth.js sends its own errors (a failed discovery, a bad ID token) to the login page with ?error=.
    pages: { ...authConfig.pages, error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: (raw, request) => authorizeCredentials(raw, request),
      }),
      ...(sso ? [ssoProvider(sso)] : []),
    ],
    callbacks: {
      ...authConfig.callbacks,
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!sso) return "/login?error=sso_off";
        // Only claims from an ID token whose signature verifies (see verify-id-token.ts).
        const claims = account.id_token
          ? await verifyIdToken({ idToken: account.id_token, issuer: sso.issuer, clientId: sso.clientId }).catch((error: unknown) => {
              logger.warn("single sign-on: ID token refused", { error });
              return null;
            })
          : null;
        if (!claims) {
          await recordSignInFailure({ email: typeof profile?.email === "string" ? profile.email : "", userId: null, method: "sso", reason: "sso_token" });
          return "/login?error=sso_token";
        }
        const resolved = await resolveSsoUser(claims, sso);
        if (!resolved.ok) return `/login?error=${resolved.refusal}`;
        // The token is built from this object next (jwt callback): the Baton user, not the provider's subject.
        Object.assign(user, resolved.user);
        await recordSignIn({ user: resolved.user, method: "sso" });
        return true;
      },
    },
  };
}

/**
 * Auth.js's generic OpenID Connect provider: discovery from `${issuer}/.well-known/openid-configuration`
 * (the discovered issuer must equal this one), authorization code with PKCE, state and nonce, and
 * the ID token's signature, issuer, audience and nonce checked by oauth4webapi.
 */
export function ssoProvider(sso: Pick<SsoSettings, "issuer" | "clientId" | "clientSecret">) {
  return {
    id: SSO_PROVIDER_ID,
    name: "Single sign-on",
    type: "oidc" as const,
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    checks: ["pkce", "state", "nonce"] as ("pkce" | "state" | "nonce")[],
    authorization: { params: { scope: "openid email profile" } },
  };
}
