import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { countSsoRefusal, refuseThrottledSignIn, refuseThrottledSso } from "@/lib/auth/login-throttle";

// Auth.js's own endpoints (sign-in, sign-out, session, CSRF): they authenticate by design. Both
// doors of a sign-in are throttled per client before Auth.js sees them: the credentials POST (429),
// and single sign-on's start and callback (back to the login page with the wait), whose refusals
// count against the client like failed passwords.
export async function GET(request: NextRequest) {
  const addressed = asTheBrowserAddressedIt(request);
  const refused = await refuseThrottledSso(addressed);
  if (refused) return refused;
  const response = await handlers.GET(addressed);
  await countSsoRefusal(addressed, response);
  return response;
}

export async function POST(request: NextRequest) {
  const addressed = asTheBrowserAddressedIt(request);
  const refused = (await refuseThrottledSignIn(addressed)) ?? (await refuseThrottledSso(addressed));
  if (refused) return refused;
  const response = await handlers.POST(addressed);
  await countSsoRefusal(addressed, response);
  return response;
}

/**
 * The request on the origin the browser used (Host, or a proxy's X-Forwarded-Host/-Proto), as
 * Auth.js's server-side signIn() builds its URLs. A NextRequest renames a loopback host
 * (127.0.0.1) "localhost" in its url: single sign-on's callback then sent the token endpoint a
 * redirect_uri other than the one the authorization request carried, and the provider refused the
 * grant. A plain Request keeps the host; Auth.js reads only its url, headers and body.
 */
function asTheBrowserAddressedIt(request: NextRequest): NextRequest {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const origin = `${protocol}://${host}`;
  if (!host || !URL.canParse(origin)) return request;
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, origin);
  return new Request(url, request) as unknown as NextRequest;
}
