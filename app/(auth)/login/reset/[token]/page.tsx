import type { Metadata } from "next";
import Link from "next/link";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { checkAccessLink } from "@/lib/auth/password-reset";

import { AuthCard, FormAlert } from "../../auth-card";
import { SetPasswordForm } from "../../set-password-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

// The link's token is the authority: checked here (nothing is spent until the form is sent).
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await checkAccessLink({ kind: "password_reset", token });

  return (
    <AuthCard title="Choose a new password" subtitle="Choosing it signs you out everywhere">
      {link.ok ? (
        <SetPasswordForm kind="password_reset" token={token} email={link.email} minLength={MIN_PASSWORD_LENGTH} />
      ) : (
        <div className="space-y-4">
          <FormAlert tone="error" testId="link-problem">
            {link.message}
          </FormAlert>
          <p className="text-center text-sm">
            <Link href="/login/forgot" className="text-brand-700 hover:underline">
              Ask for a new link
            </Link>
          </p>
        </div>
      )}
    </AuthCard>
  );
}
