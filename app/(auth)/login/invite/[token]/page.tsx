import type { Metadata } from "next";
import Link from "next/link";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { checkAccessLink } from "@/lib/auth/password-reset";
import { activeSso } from "@/lib/auth/sso-settings";
import { AuthCard, FormAlert } from "../../auth-card";
import { SetPasswordForm } from "../../set-password-form";

export const metadata: Metadata = { title: "Welcome to Baton", referrer: "no-referrer" };

// The link's token is the authority: checked here (nothing is spent until the form is sent).
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkAccessLink({ kind: "invitation", token });
  const sso = link.ok ? await activeSso() : null;
  return (
    <AuthCard title="Welcome to Baton" subtitle="Choose the password you will sign in with">
      {link.ok ? (
        <div className="space-y-4">
          <SetPasswordForm kind="invitation" token={token} email={link.email} minLength={MIN_PASSWORD_LENGTH} />
          {sso ? (
            <p className="text-center text-sm text-slate-600">
              Or{" "}
              <Link href="/login" className="text-brand-700 hover:underline">
                sign in with single sign-on
              </Link>{" "}
              using {link.email}.
            </p>
          ) : null}
        </div>
      ) : (
        <div className="space-y-4">
          <FormAlert tone="error" testId="link-problem">
            {link.message}
          </FormAlert>
          <p className="text-center text-sm">
            <Link href="/login" className="text-brand-700 hover:underline">
              Go to sign in
            </Link>
          </p>
        </div>
      )}
    </AuthCard>
  );
}
