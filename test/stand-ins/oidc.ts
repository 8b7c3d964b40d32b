import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID Connect provider on 127.0.0.1 (panva's oidc-provider, OpenID Certified) with one
 * confidential test client: discovery, authorization code with PKCE, signed ID tokens. Its
 * development login screen accepts any login and password; the login names an account below, whose
 * claims (email, email_verified, name) go into the ID token. `tamperNextIdToken()` alters the email
 * in the next ID token the token endpoint returns, keeping the signature: what a forged token looks
 * like to the client.
 */

export type OidcAccount = { email: string; email_verified: boolean; name?: string };

export type OidcStandIn = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, OidcAccount>;
  tamperNextIdToken: () => void;
  close: () => Promise<void>;
};

export async function startOidcStandIn(options: { redirectUris: string[]; port?: number }): Promise<OidcStandIn> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const accounts = new Map<string, OidcAccount>();
  const clientId = "baton-test";
  const clientSecret = "baton-test-secret-0123456789abcdef";
  let tamper = false;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    // The claims in the ID token itself (Auth.js reads the profile from it).
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["baton-oidc-stand-in-cookie-key"] },
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...account }) };
    },
  });
  // Loopback http: the provider's own checks for https are for production.
  provider.proxy = false;
  provider.use(async (ctx, next) => {
    await next();
    if (tamper && ctx.path === "/token" && ctx.body && typeof (ctx.body as { id_token?: unknown }).id_token === "string") {
      tamper = false;
      const body = ctx.body as { id_token: string };
      const [header, payload, signature] = body.id_token.split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
      claims.email = "someone-else@example.test";
      body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".");
    }
  });
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    tamperNextIdToken: () => {
      tamper = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
