import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";

// The edge-safe half of Auth.js: no database, no providers. proxy.ts uses only this.
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // The app runs behind whatever host the operator chooses; Auth.js must not insist on one.
  trustHost: true,
  // Session cookies are HttpOnly and SameSite=Lax (Auth.js's defaults, asserted in the tests), and
  // Secure (with the __Secure- name) whenever the app's public URL is https, whatever the proxy in
  // front says about the scheme. Plain http is only for localhost.
  useSecureCookies: new URL(env().APP_URL).protocol === "https:",
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      return isPublicPath(request.nextUrl.pathname) || Boolean(auth?.user);
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.teamId = user.teamId ?? null;
        // The guard compares these with the user's row on every call (lib/auth/session-validity.ts).
        token.sv = user.sessionVersion ?? 0;
        token.sid = crypto.randomUUID();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) {
        session.user.id = String(token.uid ?? "");
        session.user.role = token.role;
        session.user.teamId = token.teamId ?? null;
        session.user.sessionVersion = token.sv ?? 0;
        session.user.sessionId = token.sid ?? null;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

// Reachable without a session. API routes authenticate themselves (keys, signatures, sessions).
// An emailed approval link opens its confirmation page without a session: the signed token is the authority.
const publicPaths = ["/login", "/api", "/chat", "/approvals/confirm"];

export function isPublicPath(pathname: string): boolean {
  return publicPaths.some((p) => pathname === p || pathname.startsWith(p + "/"));
}
