"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { cn } from "@/lib/cn";

export type FormAction<T> = (form: FormData) => Promise<ActionResult<T>>;

/**
 * A form that posts to a server action and says what went wrong in the person's words: the field
 * the action names ("match.countries.0") is shown by its label, or not at all. On success it toasts, refreshes
 * the page's data and hands the result to `onDone` (e.g. to show a key once).
 */
export function ActionForm<T>({
  action,
  children,
  success,
  fieldLabels = {},
  onDone,
  resetOnSuccess = false,
  className,
  label,
  confirm,
  id,
}: {
  action: FormAction<T>;
  children: ReactNode;
  success: string | ((data: T) => string);
  fieldLabels?: Record<string, string>;
  onDone?: (data: T) => void;
  resetOnSuccess?: boolean;
  className?: string;
  label?: string;
  confirm?: string;
  /** For a button outside the form that reads its values (a connection's "Test"). */
  id?: string;
}) {
  const router = useRouter();
  const errorId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      id={id}
      aria-label={label}
      aria-describedby={error ? errorId : undefined}
      aria-busy={pending}
      onSubmit={(event) => {
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        const formElement = event.currentTarget;
        const data = new FormData(formElement);
        startTransition(async () => {
          const result = await action(data);
          if (!result.ok) {
            setError(actionErrorText(result, fieldLabels));
            return;
          }
          setError(null);
          toast.success(typeof success === "function" ? success(result.data) : success);
          if (resetOnSuccess) formElement.reset();
          onDone?.(result.data);
          router.refresh();
        });
      }}
    >
      {/* The layout classes go on the fieldset: a form's own children are the fieldset and the error. */}
      <fieldset disabled={pending} className={cn("min-w-0", className)}>
        {children}
      </fieldset>
      {error ? (
        <p id={errorId} role="alert" data-testid="form-error" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
