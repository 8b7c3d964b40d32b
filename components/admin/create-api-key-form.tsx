"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { ShownOnce } from "@/components/admin/shown-once";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

type Created = { id: string; name: string; key: string };

export function CreateApiKeyForm({ action, teams }: { action: FormAction<Created>; teams: { id: string; name: string }[] }) {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm action={action} success={(d) => `Key "${d.name}" created.`} fieldLabels={{ name: "Name", teamId: "Team" }} onDone={setCreated} resetOnSuccess label="New API key" className="flex flex-wrap items-end gap-3">
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
