"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { setPasswordFromLinkAction, type FormState } from "./account-actions";
import { FormAlert } from "./auth-card";

/** Choose a password with an emailed link (an invitation or a reset). */
export function SetPasswordForm({ kind, token, email, minLength }: { kind: "invitation" | "password_reset"; token: string; email: string; minLength: number }) {
  const [state, action, pending] = useActionState<FormState, FormData>(setPasswordFromLinkAction, {});
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Choose a password">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <p className="text-sm text-slate-600">
        For <span className="font-medium text-slate-900">{email}</span>
      </p>
      <div>
        <Label htmlFor="password">New password</Label>
        <Input id="password" name="password" type="password" autoComplete="new-password" required minLength={minLength} autoFocus />
        <p className="mt-1 text-xs text-slate-500">At least {minLength} characters.</p>
      </div>
      <div>
        <Label htmlFor="confirm">Repeat the new password</Label>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
      </div>
      {state.error ? (
        <FormAlert tone="error" testId="set-password-error">
          {state.error}
        </FormAlert>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : kind === "invitation" ? "Set my password" : "Change my password"}
      </Button>
    </form>
  );
}
