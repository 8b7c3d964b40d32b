"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Label, Select, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Flag = (form: FormData) => Promise<ActionResult<{ id: string }>>;

/** Tucked away in a disclosure: most packages are fine, and the flag is deliberate feedback. */
export function FlagEscalationForm({ handoffId, reasons, flag }: { handoffId: string; reasons: { code: string; label: string }[]; flag: Flag }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  if (reasons.length === 0) return null;
  return (
    <details className="rounded-md border border-slate-200 text-sm">
      <summary className="cursor-pointer px-3 py-2 font-medium text-slate-700">Flag a poor escalation</summary>
      <form
        aria-label="Flag a poor escalation"
        className="space-y-2 border-t border-slate-100 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          data.set("handoffId", handoffId);
          const formElement = e.currentTarget;
          startTransition(async () => {
            const result = await flag(data);
            if (result.ok) {
              formElement.reset();
              setErrors({});
              toast.success("Thanks: the flag counts against that rule's precision.");
              router.refresh();
            } else {
              setErrors(result.fieldErrors ?? { comment: [result.error] });
            }
          });
        }}
      >
        <div>
          <Label htmlFor="flag-reason">Which reason was wrong?</Label>
          <Select id="flag-reason" name="reason" defaultValue={reasons[0]!.code}>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </Select>
          <FieldError id="flag-reason-error" messages={errors.reason} />
        </div>
        <div>
          <Label htmlFor="flag-comment">What was wrong?</Label>
          <Textarea id="flag-comment" name="comment" maxLength={2000} aria-invalid={Boolean(errors.comment)} aria-describedby="flag-comment-error" />
          <FieldError id="flag-comment-error" messages={errors.comment} />
        </div>
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          Flag it
        </Button>
      </form>
    </details>
  );
}
