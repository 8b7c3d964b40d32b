"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { checkLoginThrottle, tooManyAttemptsMessage } from "@/lib/auth/login-throttle";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { clientIp } from "@/lib/http/client-ip";

export type LoginState = { error?: string; email?: string };

const loginSchema = z.object({
  email: z.email("Enter a valid email address.").max(320),
  password: z.string().min(1, "Enter your password.").max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

// Public by nature: this is where a visitor proves who they are.
export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
    callbackUrl: form.get("callbackUrl") ?? undefined,
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter your email and password.", email };
  // Failures are counted in authorize (every sign-in path goes through it); here the person is told how long to wait.
  const throttled = async () => {
    const verdict = await checkLoginThrottle({ email: parsed.data.email, ip: clientIp(await headers()) });
    return verdict.limited ? { error: tooManyAttemptsMessage(verdict.retryAfterSeconds), email } : null;
  };
  const before = await throttled();
  if (before) return before;
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(parsed.data.callbackUrl),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      // This failure may have been the one that reached the limit: say so now, not on the next try.
      if (error.type === "CredentialsSignin") {
        const after = await throttled();
        if (after) return after;
      }
      if (error.type === "CredentialsSignin" && (error as { code?: string }).code === "sso_only") {
        return { error: "Password sign-in is turned off: use single sign-on.", email };
      }
      return {
        error: error.type === "CredentialsSignin" ? "Wrong email or password." : "Sign-in failed. Try again in a moment.",
        email,
      };
    }
    throw error; // the redirect after a successful sign-in
  }
}
