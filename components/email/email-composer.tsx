"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

/** The rep's reply, under the thread: sent from the shared sales address with the rep's name, threaded. */
export function EmailComposer({
  handoffId,
  to,
  send,
}: {
  handoffId: string;
  to: string;
  send: (form: FormData) => Promise<ActionResult<{ emailId: string }>>;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string[] | undefined>();
  return (
    <form
      ref={form}
      aria-label="Reply by email"
      className="space-y-2 border-t border-slate-100 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        data.set("handoffId", handoffId);
        startTransition(async () => {
          const result = await send(data);
          if (result.ok) {
            form.current?.reset();
            setError(undefined);
            toast.success(`Reply to ${to} is on its way.`);
            router.refresh();
          } else {
            setError(result.fieldErrors?.text ?? [result.error]);
          }
        });
      }}
    >
      <label htmlFor="email-reply-text" className="block text-sm font-medium text-slate-700">
        Reply to {to}
      </label>
      <Textarea
        id="email-reply-text"
        name="text"
        rows={5}
        placeholder="Write your reply…"
        maxLength={10_000}
        aria-invalid={Boolean(error)}
        aria-describedby="email-reply-error"
      />
      <FieldError id="email-reply-error" messages={error} />
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? "Sending…" : "Send reply"}
      </Button>
    </form>
  );
}
