import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { activeSso } from "@/lib/auth/sso-settings";
import { signInErrorMessage } from "@/lib/auth/sso-sign-in";
import { signInWithSsoAction } from "./account-actions";
import { FormAlert } from "./auth-card";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Search = { callbackUrl?: string | string[]; error?: string | string[]; done?: string | string[]; email?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const doneMessages: Record<string, string> = {
  password_set: "Your password is set. Sign in with it now.",
  password_reset: "Your password is changed and every other session has ended. Sign in with the new password.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const callbackUrl = first(search.callbackUrl);
  const error = signInErrorMessage(first(search.error)?.slice(0, 60));
  const done = doneMessages[first(search.done) ?? ""];
  const sso = await activeSso();
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-slate-900">
            Baton<span className="text-brand-600">.</span>
          </p>
          <p className="mt-1 text-sm text-slate-500">Sign in to your handoff inbox</p>
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="sr-only">Sign in</h1>
          {error ? (
            <FormAlert tone="error" testId="sso-error">
              {error}
            </FormAlert>
          ) : null}
          {done ? (
            <FormAlert tone="notice" testId="login-notice">
              {done}
            </FormAlert>
          ) : null}
          {sso ? (
            <>
              <form action={signInWithSsoAction}>
                <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
                <Button type="submit" variant="secondary" className="w-full">
                  Continue with single sign-on
                </Button>
              </form>
              <p className="text-center text-xs text-slate-500">
                {sso.passwordSignIn ? "or with your password" : "Password sign-in is for the break-glass admin only."}
              </p>
            </>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} email={first(search.email)?.slice(0, 320)} />
          <p className="text-center text-sm">
            <Link href="/login/forgot" className="text-brand-700 hover:underline">
              Forgot your password?
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}
