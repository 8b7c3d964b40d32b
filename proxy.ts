import NextAuth from "next-auth";
import { authConfig } from "@/lib/auth/config";

// Redirects signed-out visitors of the console to /login. Pages, actions and routes still check
// the session and role themselves: this is a convenience, not the security boundary.
const { auth } = NextAuth(authConfig);

export const proxy = auth;

// API routes are left out: each authenticates itself (API keys, signatures, sessions) and none
// should pay for a session check it does not use (the intake endpoint runs hot).
export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:png|svg|ico|jpg)$).*)"],
};
