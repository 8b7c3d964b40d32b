import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { countSsoRefusal, refuseThrottledSignIn, refuseThrottledSso } from "@/lib/auth/login-throttle";

// Auth.js's own endpoints (sign-in, sign-out, session, CSRF): they authenticate by design. Both
// doors of a sign-in are throttled per client before Auth.js sees them: the credentials POST (429),
// and single sign-on's start and callback (back to the login page with the wait), whose refusals
// count against the client like failed passwords.
export async function GET(request: NextRequest) {
  const refused = await refuseThrottledSso(request);
  if (refused) return refused;
  const response = await handlers.GET(request);
  await countSsoRefusal(request, response);
  return response;
}

export async function POST(request: NextRequest) {
  const refused = (await refuseThrottledSignIn(request)) ?? (await refuseThrottledSso(request));
  if (refused) return refused;
  const response = await handlers.POST(request);
  await countSsoRefusal(request, response);
  return response;
}
