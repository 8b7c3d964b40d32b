import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { refuseThrottledSignIn } from "@/lib/auth/login-throttle";

// Auth.js's own endpoints (sign-in, sign-out, session, CSRF): they authenticate by design.
export const { GET } = handlers;

// A throttled credentials sign-in is answered 429 here; authorize refuses it too (the login form's path).
export async function POST(request: NextRequest) {
  return (await refuseThrottledSignIn(request)) ?? handlers.POST(request);
}
