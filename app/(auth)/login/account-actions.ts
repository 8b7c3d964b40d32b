"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-settings";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { deliverQuietly, requestPasswordReset, setPasswordFromLink } from "@/lib/auth/password-reset";
import { checkLoginThrottle } from "@/lib/auth/login-throttle";
import { activeSso } from "@/lib/auth/sso-settings";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/logger";

// Public by nature, like signing in: a visitor without a session asks for a reset link, or sets a
// password with an emailed link (the link's token is the authority). Each is limited per client.

export type FormState = { error?: string; notice?: string; email?: string };

const emailSchema = z.object({ email: z.string().trim().pipe(z.email("Enter a valid email address.").max(320, "Enter a valid email address.")) });

export async function requestPasswordResetAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = emailSchema.safeParse({ email: form.get("email") ?? "" });
  const email = String(form.get("email") ?? "").slice(0, 320);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a valid email address.", email };
  const result = await requestPasswordReset({ email: parsed.data.email, ip: clientIp(await headers()) });
  if (!result.ok) return { error: result.message, email };
  // Sent after the answer, so an address with an account answers as fast as one without.
  const deliver = result.deliver;
  if (deliver) after(() => deliverQuietly(deliver, logger.child({ action: "password_reset.request" })));
  return { notice: result.message };
}

const passwordSchema = z
  .object({
    kind: z.enum(["invitation", "password_reset"]),
    token: z.string().max(200),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
      .max(1024, "Choose a password of at most 1024 characters."),
    confirm: z.string().max(1024),
  })
  .refine((v) => v.password === v.confirm, { message: "The two passwords do not match.", path: ["confirm"] });

export async function setPasswordFromLinkAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = passwordSchema.safeParse({
    kind: form.get("kind"),
    token: form.get("token") ?? "",
    password: form.get("password") ?? "",
    confirm: form.get("confirm") ?? "",
  });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Choose a password." };
  const result = await setPasswordFromLink({ ...parsed.data, ip: clientIp(await headers()) });
  if (!result.ok) return { error: result.message };
  redirect(`/login?done=${parsed.data.kind === "invitation" ? "password_set" : "password_reset"}&email=${encodeURIComponent(result.email)}`);
}

const ssoSchema = z.object({ callbackUrl: z.string().max(2048).optional() });

export async function signInWithSsoAction(form: FormData): Promise<void> {
  const parsed = ssoSchema.safeParse({ callbackUrl: form.get("callbackUrl") || undefined });
  if (!(await activeSso())) redirect("/login?error=sso_off");
  const throttled = await checkLoginThrottle({ email: null, ip: clientIp(await headers()) });
  if (throttled.limited) redirect("/login?error=sso_throttled");
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeCallbackPath(parsed.success ? parsed.data.callbackUrl : undefined) });
}
