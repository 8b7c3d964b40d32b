"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { ShownOnce } from "@/components/admin/shown-once";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

type Created = { id: string; name: string; key: string };

export function CreateApiKeyForm({
  action,
  teams,
  scopes,
}: {
  action: FormAction<Created>;
  teams: { id: string; name: string }[];
  scopes: { value: string; label: string }[];
}) {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm
        action={action}
        success={(d) => `Key "${d.name}" created.`}
        fieldLabels={{ name: "Name", teamId: "Team", scopes: "Scopes" }}
        onDone={setCreated}
        resetOnSuccess
        label="New API key"
        className="flex flex-wrap items-end gap-3"
      >
        <div className="w-64">
          <Label htmlFor="new-key-name">Name (where it is used)</Label>
          <Input id="new-key-name" name="name" required maxLength={200} placeholder="Website forms" />
        </div>
        <div className="w-56">
          <Label htmlFor="new-key-team">Leads land in the queue of</Label>
          <Select id="new-key-team" name="teamId" defaultValue={teams[0]?.id ?? ""}>
            <option value="">No team (routing rules only)</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <fieldset className="w-full">
          <legend className="text-sm font-medium text-slate-700">Scopes (REST API keys act as you: your role decides what they may touch)</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {scopes.map((scope) => (
              <label key={scope.value} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="scopes" value={scope.value} defaultChecked={scope.value === "intake:write"} />
                <code className="font-mono text-xs">{scope.value}</code>
                <span className="text-slate-500">{scope.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit">Create key</Button>
      </ActionForm>
      {created ? (
        <ShownOnce
          title={`Key "${created.name}"`}
          value={created.key}
          testId="new-api-key"
          note="Shown once: put it in the sender's configuration now (Authorization: Bearer …). Only a hash is kept; if it is lost, revoke it and create another."
        />
      ) : null}
    </div>
  );
}
