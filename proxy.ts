import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig, isPublicPath } from "@/lib/auth/config";
import { env } from "@/lib/env";
import { allowedWidgetOrigins } from "@/lib/chat/widget-origins";
import { isChatWidgetPath, pageSecurityHeaders } from "@/lib/security/headers";

// Redirects signed-out visitors of the console to /login. Pages, actions and routes still check
// the session and role themselves: this is a convenience, not the security boundary.
// It also sets every page's security headers, with a fresh CSP nonce per request: Next reads the
// policy from the request headers and puts the nonce on its own scripts.
const { auth } = NextAuth(authConfig);

export const proxy = auth(async (request) => {
  const { pathname } = request.nextUrl;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const settings = env();
  const headers = pageSecurityHeaders(pathname, nonce, {
    // The sites an admin allowed on /admin/connections (else the environment's); read only for the widget's pages.
    widgetOrigins: isChatWidgetPath(pathname) ? (await allowedWidgetOrigins()).origins : [],
    dev: settings.NODE_ENV === "development",
    https: new URL(settings.APP_URL).protocol === "https:",
  });

  let response: NextResponse;
  if (!isPublicPath(pathname) && !request.auth?.user) {
    const signIn = request.nextUrl.clone();
    signIn.pathname = authConfig.pages.signIn;
    signIn.search = "";
    signIn.searchParams.set("callbackUrl", request.nextUrl.href);
    response = NextResponse.redirect(signIn);
  } else {
    const forwarded = new Headers(request.headers);
    forwarded.set("x-nonce", nonce);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
});

// API routes are left out: each authenticates itself (API keys, signatures, sessions) and none
// should pay for a session check it does not use (the intake endpoint runs hot). Their security
// headers come from next.config.ts.
export const config = {
  // widget.js is the embed script other sites load (public/): no session, no page headers.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|widget\\.js$|.*\\.(?:png|svg|ico|jpg)$).*)"],
};
