"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { toastWithUndo } from "@/components/package/undo-toast";

export type PackageAction = (form: FormData) => Promise<ActionResult<{ id: string; status: string; version: number }>>;

/**
 * Runs a package action against the version on screen: a toast says what happened, field errors go
 * back to the form, and the page refreshes on success or on a conflict (someone else changed it).
 */
export function usePackageAction(handoffId: string, version: number) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  /** With `undo`, the success toast offers Undo (components/package/undo-toast.ts). */
  const run = (action: PackageAction, form: FormData, success: string, onDone?: () => void, undo?: PackageAction) =>
    startTransition(async () => {
      form.set("handoffId", handoffId);
      form.set("version", String(version));
      const result = await action(form);
      if (result.ok) {
        if (undo) toastWithUndo(success, result.data, undo, () => router.refresh());
        else toast.success(success);
        setFieldErrors({});
        onDone?.();
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(actionErrorText(result));
      }
      if (result.ok || result.code === "conflict") router.refresh();
    });
  return { run, pending, fieldErrors };
}
