"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

export function NoteForm({ handoffId, addNote }: { handoffId: string; addNote: (form: FormData) => Promise<ActionResult<{ id: string }>> }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string[] | undefined>();
  return (
    <form
      ref={form}
      aria-label="Add a note"
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        data.set("handoffId", handoffId);
        startTransition(async () => {
          const result = await addNote(data);
          if (result.ok) {
            form.current?.reset();
            setError(undefined);
            toast.success("Note added.");
            router.refresh();
          } else {
            setError(result.fieldErrors?.note ?? [result.error]);
          }
        });
      }}
    >
      <label htmlFor="note-text" className="sr-only">
        Note
      </label>
      <Textarea
        id="note-text"
        name="note"
        placeholder="Add a note for the team…"
        maxLength={2000}
        aria-invalid={Boolean(error)}
        aria-describedby="note-error"
      />
      <FieldError id="note-error" messages={error} />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {pending ? "Adding…" : "Add note"}
      </Button>
    </form>
  );
}
