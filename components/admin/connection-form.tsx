"use client";

import { actionErrorText } from "@/lib/action-error-text";
import { useState, useTransition } from "react";
import { ActionForm, type FormAction } from "@/components/admin/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import type { ConnectionView } from "@/lib/connections/save-connection";
import { salesforceConnectionSpec } from "@/components/admin/salesforce-connection-fields";

type Field = { name: string; label: string; secret?: boolean; placeholder?: string; hint?: string; options?: { value: string; label: string }[] };

const fieldsByKind: Record<ConnectionView["kind"], { title: string; description: string; fields: Field[] }> = {
  slack: {
    title: "Slack",
    description: "Notifications to people and team channels. With a bot token Baton posts with chat.postMessage; otherwise to the incoming webhook.",
    fields: [
      { name: "botToken", label: "Bot token", secret: true, placeholder: "xoxb-…" },
      { name: "webhookUrl", label: "Incoming webhook URL", secret: true, placeholder: "https://hooks.slack.com/services/…" },
      { name: "apiUrl", label: "Web API base URL", placeholder: "https://slack.com/api/" },
      {
        name: "defaultChannel",
        label: "Default channel",
        placeholder: "#sales-handoffs",
        hint: "With a bot token: where a notice goes when neither the person nor the team names a channel.",
      },
    ],
  },
  smtp: {
    title: "Email (SMTP)",
    description: "Email notifications and the weekly summary.",
    fields: [
      {
        name: "url",
        label: "SMTP URL",
        secret: true,
        placeholder: "smtp://user:pass@smtp.example.com:587",
        hint: "smtps:// for implicit TLS. The whole URL is kept secret: it carries the password.",
      },
      { name: "from", label: "From", placeholder: "Baton <baton@example.com>" },
    ],
  },
  imap: {
    title: "Sales mailbox (IMAP)",
    description:
      "The mailbox leads write to. The worker reads it (IDLE where the server has it, polling otherwise): new emails become packages, replies join their thread. Replies from Baton go out through SMTP from this address.",
    fields: [
      { name: "host", label: "IMAP host", placeholder: "imap.example.com" },
      { name: "port", label: "Port", placeholder: "993" },
      {
        name: "security",
        label: "Security",
        options: [
          { value: "tls", label: "TLS (port 993)" },
          { value: "starttls", label: "STARTTLS (port 143)" },
          { value: "none", label: "None (same host only)" },
        ],
      },
      { name: "user", label: "User", placeholder: "sales@example.com" },
      { name: "password", label: "Password or app password", secret: true, placeholder: "app password" },
      { name: "folder", label: "Folder", placeholder: "INBOX" },
      {
        name: "address",
        label: "Address leads write to",
        placeholder: "sales@example.com",
        hint: "Replies carry a reply token in a plus-address (sales+r-…@) so they find their thread.",
      },
    ],
  },
  hubspot: {
    title: "HubSpot",
    description: "The private app token the CRM sync uses when HubSpot is the chosen CRM (above).",
    fields: [
      { name: "accessToken", label: "Private app access token", secret: true, placeholder: "pat-…" },
      { name: "apiUrl", label: "API base URL", placeholder: "https://api.hubapi.com" },
    ],
  },
  salesforce: salesforceConnectionSpec,
  llm: {
    title: "LLM (OpenAI-compatible)",
    description: "With a key, the agent reads leads with the model (the rules still decide); without one, the deterministic agent does it all.",
    fields: [
      { name: "apiKey", label: "API key", secret: true, placeholder: "sk-…" },
      { name: "baseUrl", label: "Base URL (blank: OpenAI)", placeholder: "https://api.openai.com/v1" },
      { name: "model", label: "Model", placeholder: "gpt-4.1-mini" },
      {
        name: "embeddingModel",
        label: "Embedding model (optional)",
        placeholder: "text-embedding-3-small",
        hint: "Set: the knowledge base also finds articles by meaning, not only by their words. Blank: words only.",
      },
    ],
  },
  calcom: {
    title: "Cal.com bookings",
    description:
      "Bookings made through Cal.com links come back to their package. In Cal.com: Settings › Developer › Webhooks, subscriber URL <app>/api/v1/bookings/calcom, the booking events, and this secret.",
    fields: [
      {
        name: "webhookSecret",
        label: "Webhook secret",
        secret: true,
        placeholder: "at least 16 characters",
        hint: "Deliveries signed with another secret (or none) are refused.",
      },
    ],
  },
  calendly: {
    title: "Calendly bookings",
    description:
      "Bookings made through Calendly links come back to their package. Create the webhook subscription (invitee.created, invitee.canceled, invitee_no_show.created) to <app>/api/v1/bookings/calendly with this signing key.",
    fields: [
      {
        name: "signingKey",
        label: "Webhook signing key",
        secret: true,
        placeholder: "at least 16 characters",
        hint: "Deliveries older than 3 minutes or signed with another key are refused.",
      },
    ],
  },
};

export function ConnectionForm({
  view,
  save,
  test,
  reset,
}: {
  view: ConnectionView;
  save: FormAction<{ kind: string }>;
  test: (form: FormData) => Promise<ActionResult<{ ok: boolean; message: string }>>;
  reset: FormAction<{ kind: string; removed: boolean }>;
}) {
  const spec = fieldsByKind[view.kind];
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [testing, startTest] = useTransition();
  const id = (name: string) => `${view.kind}-${name}`;
  const formId = id("form");
  const labels = Object.fromEntries(spec.fields.map((f) => [f.name, f.label]));
  return (
    <section aria-labelledby={id("title")} className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={`connection-${view.kind}`}>
      <header className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3">
        <div>
          <h2 id={id("title")} className="text-sm font-semibold text-slate-900">
            {spec.title}
          </h2>
          <p className="mt-0.5 max-w-2xl text-xs text-slate-500">{spec.description}</p>
        </div>
        <Badge tone={view.source === "database" ? "blue" : "slate"} data-testid={`connection-source-${view.kind}`}>
          {view.source === "database" ? "Saved here" : "From the environment"}
        </Badge>
      </header>
      <div className="space-y-4 px-4 py-3">
        {view.unusableSaved ? (
          <p
            role="alert"
            className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900"
            data-testid={`connection-unusable-${view.kind}`}
          >
            The saved {spec.title} settings are not valid ({readable(view.unusableSaved, labels)}), so the environment&apos;s apply. Save them again, or return
            to the environment.
          </p>
        ) : null}
        <ActionForm
          id={formId}
          action={save}
          success={`${spec.title} settings saved.`}
          resetOnSuccess
          fieldLabels={labels}
          label={`${spec.title} settings`}
          className="grid gap-3 md:grid-cols-2"
        >
          <input type="hidden" name="kind" value={view.kind} />
          {spec.fields.map((field) => {
            const saved = field.secret ? view.secrets[field.name] : undefined;
            const describedBy = field.secret || field.hint ? id(`${field.name}-hint`) : undefined;
            return (
              <div key={field.name}>
                <Label htmlFor={id(field.name)}>{field.label}</Label>
                {field.options ? (
                  <Select
                    id={id(field.name)}
                    name={field.name}
                    defaultValue={view.config[field.name] ?? field.options[0]!.value}
                    aria-describedby={describedBy}
                  >
                    {field.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </Select>
                ) : field.secret ? (
                  <Input
                    id={id(field.name)}
                    name={field.name}
                    type="password"
                    autoComplete="off"
                    placeholder={saved !== null && saved !== undefined ? "Leave blank to keep the saved one" : field.placeholder}
                    aria-describedby={describedBy}
                  />
                ) : (
                  <Input
                    id={id(field.name)}
                    name={field.name}
                    defaultValue={view.config[field.name] ?? ""}
                    placeholder={field.placeholder}
                    aria-describedby={describedBy}
                  />
                )}
                {field.secret ? (
                  <p id={id(`${field.name}-hint`)} className="mt-1 text-xs text-slate-500" data-testid={`secret-state-${field.name}`}>
                    {saved === null || saved === undefined ? "Not set." : saved ? `Set, ending …${saved}.` : "Set."}
                    {field.hint ? ` ${field.hint}` : ""}
                  </p>
                ) : field.hint ? (
                  <p id={id(`${field.name}-hint`)} className="mt-1 text-xs text-slate-500">
                    {field.hint}
                  </p>
                ) : null}
                {field.secret && saved !== null && saved !== undefined && view.source === "database" ? (
                  <label className="mt-1 flex items-center gap-2 text-xs text-slate-700">
                    <input type="checkbox" name="clear" value={field.name} className="size-3.5 rounded border-slate-300" /> Remove the saved{" "}
                    {field.label.toLowerCase()}
                  </label>
                ) : null}
              </div>
            );
          })}
          <div className="md:col-span-2">
            <Button type="submit" size="sm">
              Save {spec.title}
            </Button>
          </div>
        </ActionForm>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
          <Button
            size="sm"
            variant="secondary"
            disabled={testing}
            onClick={() =>
              startTest(async () => {
                const form = document.getElementById(formId);
                if (!(form instanceof HTMLFormElement)) return;
                const answer = await test(new FormData(form));
                setResult(answer.ok ? answer.data : { ok: false, message: actionErrorText(answer, labels) });
              })
            }
          >
            {testing ? "Testing…" : "Test these settings"}
          </Button>
          <p
            role="status"
            aria-live="polite"
            data-testid={`test-result-${view.kind}`}
            className={result ? (result.ok ? "text-sm text-emerald-700" : "text-sm text-red-700") : "text-sm text-slate-500"}
          >
            {result
              ? `${result.ok ? "✓ Works: " : "✗ Failed: "}${result.message}`
              : "Tests the values in the form, before saving them (a blank secret: the one in force)."}
          </p>
        </div>
        {view.source === "database" || view.unusableSaved ? (
          <ActionForm
            action={reset}
            success={`${spec.title} now uses the environment's settings.`}
            label={`Return ${spec.title} to the environment`}
            confirm={`Remove the ${spec.title} settings saved here? The environment's settings (or none) apply at once.`}
            className="border-t border-slate-100 pt-3"
          >
            <input type="hidden" name="kind" value={view.kind} />
            <Button type="submit" size="sm" variant="secondary">
              Use the environment&apos;s settings
            </Button>
          </ActionForm>
        ) : null}
      </div>
    </section>
  );
}

// "url: must be…" → "SMTP URL: must be…".
function readable(message: string, labels: Record<string, string>): string {
  const match = /^([A-Za-z]+): (.*)$/s.exec(message);
  return match && labels[match[1]!] ? `${labels[match[1]!]}: ${match[2]}` : message;
}
