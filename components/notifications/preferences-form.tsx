"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

type Preferences = { slack: boolean; email: boolean; inApp: boolean; slackTarget: string | null };

export function PreferencesForm({ initial, save }: { initial: Preferences; save: (form: FormData) => Promise<ActionResult<{ saved: boolean }>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]> | undefined>();
  const channels = [
    { name: "inApp", label: "In the app (the bell)", checked: initial.inApp },
    { name: "email", label: "Email", checked: initial.email },
    { name: "slack", label: "Slack", checked: initial.slack },
  ];
  return (
    <form
      aria-label="Notification preferences"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(async () => {
          const result = await save(data);
          if (result.ok) {
            setErrors(undefined);
            toast.success("Notification preferences saved.");
            router.refresh();
          } else {
            setErrors(result.fieldErrors ?? { form: [result.error] });
          }
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Tell me about packages routed to me by</legend>
        {channels.map((c) => (
          <label key={c.name} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name={c.name} defaultChecked={c.checked} className="size-4 rounded border-slate-300" />
            {c.label}
          </label>
        ))}
        <FieldError id="channels-error" messages={errors?.inApp ?? errors?.form} />
      </fieldset>
      <div>
        <Label htmlFor="slack-target">Slack member or channel id (optional)</Label>
        <Input
          id="slack-target"
          name="slackTarget"
          defaultValue={initial.slackTarget ?? ""}
          placeholder="U024BE7LH or #sales-emea"
          aria-invalid={Boolean(errors?.slackTarget)}
          aria-describedby="slack-target-error"
        />
        <FieldError id="slack-target-error" messages={errors?.slackTarget} />
      </div>
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? "Saving…" : "Save preferences"}
      </Button>
    </form>
  );
}
