"use client";

import { useState } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { ShownOnce } from "@/components/admin/shown-once";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";

type WithSecret = { id: string; name: string; secret: string };

const secretNote =
  "Shown once: give it to the receiver now (Standard Webhooks: verify webhook-signature with this whsec_… secret). Baton keeps it encrypted and never shows it again; rotate it if it is lost.";

export function CreateWebhookForm({ action, events }: { action: FormAction<WithSecret>; events: { value: string; label: string }[] }) {
  const [created, setCreated] = useState<WithSecret | null>(null);
  return (
    <div className="space-y-3">
      <ActionForm
        action={action}
        success={(d) => `Endpoint "${d.name}" added.`}
        fieldLabels={{ name: "Name", url: "URL", events: "Events" }}
        onDone={setCreated}
        resetOnSuccess
        label="New webhook endpoint"
        className="space-y-3"
      >
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-56">
            <Label htmlFor="new-webhook-name">Name</Label>
            <Input id="new-webhook-name" name="name" required maxLength={100} placeholder="n8n: sales channel" />
          </div>
          <div className="min-w-80 flex-1">
            <Label htmlFor="new-webhook-url">URL</Label>
            <Input id="new-webhook-url" name="url" type="url" required maxLength={2000} placeholder="https://n8n.example.com/webhook/baton" />
          </div>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {events.map((e) => (
              <label key={e.value} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="events" value={e.value} defaultChecked={e.value.startsWith("handoff.")} />
                <code className="font-mono text-xs">{e.value}</code>
                <span className="text-slate-500">{e.label}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit">Add endpoint</Button>
      </ActionForm>
      {created ? <ShownOnce title={`Signing secret of "${created.name}"`} value={created.secret} testId="new-webhook-secret" note={secretNote} /> : null}
    </div>
  );
}

export function RotateSecretButton({ action, id, name }: { action: FormAction<WithSecret>; id: string; name: string }) {
  const [rotated, setRotated] = useState<WithSecret | null>(null);
  return (
    <div className="space-y-2">
      <ActionForm
        action={action}
        success="New secret made; the old one signs beside it for 24 hours."
        onDone={setRotated}
        confirm={`Rotate the secret of "${name}"? Both secrets sign for 24 hours, then only the new one.`}
        className="inline-flex"
      >
        <input type="hidden" name="id" value={id} />
        <Button type="submit" size="sm" variant="secondary" aria-label={`Rotate the secret of ${name}`}>
          Rotate secret
        </Button>
      </ActionForm>
      {rotated ? (
        <ShownOnce title={`New signing secret of "${rotated.name}"`} value={rotated.secret} testId="rotated-webhook-secret" note={secretNote} />
      ) : null}
    </div>
  );
}
