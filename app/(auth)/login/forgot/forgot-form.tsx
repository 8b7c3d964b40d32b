"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { requestPasswordResetAction, type FormState } from "../account-actions";
import { FormAlert } from "../auth-card";

export function ForgotForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(requestPasswordResetAction, {});
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Reset password">
      <div>
        <Label htmlFor="email">Work email</Label>
        <Input id="email" name="email" type="email" autoComplete="username" required defaultValue={state.email} autoFocus />
      </div>
      {state.error ? (
        <FormAlert tone="error" testId="forgot-error">
          {state.error}
        </FormAlert>
      ) : null}
      {state.notice ? (
        <FormAlert tone="notice" testId="forgot-notice">
          {state.notice}
        </FormAlert>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </Button>
      <p className="text-center text-sm">
        <Link href="/login" className="text-brand-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
