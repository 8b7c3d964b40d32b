"use client";

import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Button } from "@/components/ui/button";
import { Label, Textarea } from "@/components/ui/field";

export type LimitRow = { id: string; label: string; enabled: boolean; extraTerms: string[]; examples: string };

/** Which topics the agent never answers itself, and extra words that name them. */
export function LimitsForm({ action, topics }: { action: FormAction<{ topics: number }>; topics: LimitRow[] }) {
  const fieldLabels = Object.fromEntries(
    topics.flatMap((t) => [
      [`${t.id}_extra`, `${t.label}: extra words`],
      [`${t.id}_enabled`, t.label],
    ]),
  );
  return (
    <ActionForm
      action={action}
      label="Limits"
      success={(d) => `Saved: ${d.topics} of ${topics.length} topics are answered by a person.`}
      fieldLabels={fieldLabels}
      className="space-y-4"
    >
      <input type="hidden" name="form" value="limits" />
      <ul className="space-y-4">
        {topics.map((t) => (
          <li key={t.id} className="grid gap-2 sm:grid-cols-3">
            <label className="flex items-start gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" name={`${t.id}_enabled`} defaultChecked={t.enabled} className="mt-0.5 size-4" />
              <span>
                {t.label}
                <span className="block text-xs font-normal text-slate-500">e.g. {t.examples}</span>
              </span>
            </label>
            <div className="sm:col-span-2">
              <Label htmlFor={`${t.id}-extra`} className="sr-only">
                {t.label}: extra words
              </Label>
              <Textarea
                id={`${t.id}-extra`}
                name={`${t.id}_extra`}
                defaultValue={t.extraTerms.join(", ")}
                rows={1}
                placeholder="Extra words or phrases, comma-separated"
                className="min-h-9"
              />
            </div>
          </li>
        ))}
      </ul>
      <Button type="submit" variant="secondary">
        Save limits
      </Button>
    </ActionForm>
  );
}
