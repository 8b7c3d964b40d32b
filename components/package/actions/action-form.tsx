"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

const tones = {
  danger: "border-red-200 bg-red-50/50",
  success: "border-emerald-200 bg-emerald-50/50",
  neutral: "border-slate-200 bg-slate-50",
} as const;

export type ActionFormProps = {
  pending: boolean;
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
};

/** The frame every package action's form shares: its fields, then submit and cancel. */
export function ActionForm({
  label,
  tone,
  submitLabel,
  submitVariant,
  pending,
  onSubmit,
  onCancel,
  prepare,
  children,
}: ActionFormProps & {
  label: string;
  tone: keyof typeof tones;
  submitLabel: string;
  submitVariant?: "danger";
  /** Adds what the browser knows to the form before it is sent (e.g. the locale an amount is typed in). */
  prepare?: (form: FormData) => void;
  children: ReactNode;
}) {
  return (
    <form
      aria-label={label}
      className={cn("space-y-3 rounded-md border p-3", tones[tone])}
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        prepare?.(form);
        onSubmit(form);
      }}
    >
      {children}
      <div className="flex gap-2">
        <Button type="submit" variant={submitVariant} disabled={pending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
