"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Textarea } from "@/components/ui/field";
import { usePackageAction, type PackageAction } from "@/components/package/use-package-action";

type Panel = "request" | "snooze" | "hand_back";

export type OwnerRequestsProps = {
  handoffId: string;
  version: number;
  openQuestions: string[];
  /** Where the agent will ask: in the package's chat, or by an email that needs approval. */
  channel: "chat" | "email";
  snoozedUntil: string | null;
  allowed: { requestInfo: boolean; snooze: boolean; handBack: boolean };
  actions: { requestInfo: PackageAction; snooze: PackageAction; unsnooze: PackageAction; handBack: PackageAction; undo: PackageAction };
};

/** Request more info, snooze and hand back: the owner's ways of saying "not now" or "not yet from me". */
export function OwnerRequests({ handoffId, version, openQuestions, channel, snoozedUntil, allowed, actions }: OwnerRequestsProps) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const { run, pending, fieldErrors } = usePackageAction(handoffId, version);
  const close = () => setPanel(null);
  if (!allowed.requestInfo && !allowed.snooze && !allowed.handBack) return null;

  return (
    <div className="space-y-3" data-testid="owner-requests">
      <div className="flex flex-wrap gap-2">
        {allowed.requestInfo && (
          <Button
            size="sm"
            variant="secondary"
            disabled={pending}
            onClick={() => setPanel(panel === "request" ? null : "request")}
            aria-expanded={panel === "request"}
          >
            Request more info
          </Button>
        )}
        {allowed.snooze &&
          (snoozedUntil ? (
            <Button
              size="sm"
              variant="secondary"
              disabled={pending}
              onClick={() => run(actions.unsnooze, new FormData(), "Un-snoozed: it is back in the inbox.")}
            >
              Un-snooze
            </Button>
          ) : (
            <Button
              size="sm"
              variant="secondary"
              disabled={pending}
              onClick={() => setPanel(panel === "snooze" ? null : "snooze")}
              aria-expanded={panel === "snooze"}
            >
              Snooze
            </Button>
          ))}
        {allowed.handBack && (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() => setPanel(panel === "hand_back" ? null : "hand_back")}
            aria-expanded={panel === "hand_back"}
          >
            Hand back to the agent
          </Button>
        )}
      </div>

      {panel === "request" && (
        <form
          aria-label="Request more info"
          className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              actions.requestInfo,
              new FormData(e.currentTarget),
              channel === "chat" ? "Asked in the chat: the agent is asking the lead now." : "Email drafted: it goes out once it is approved.",
              close,
            );
          }}
        >
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">Which questions should the agent ask?</legend>
            {openQuestions.length === 0 ? <p className="text-xs text-slate-500">The package has no open questions; write your own below.</p> : null}
            <ul className="space-y-1">
              {openQuestions.map((q) => (
                <li key={q}>
                  <label className="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" name="questions" value={q} defaultChecked className="mt-0.5 size-4 shrink-0 rounded border-slate-300" /> {q}
                  </label>
                </li>
              ))}
            </ul>
            <FieldError id="request-questions-error" messages={fieldErrors.questions} />
          </fieldset>
          <div>
            <Label htmlFor="request-extra">Your own questions (one a line)</Label>
            <Textarea id="request-extra" name="extra" maxLength={4000} aria-invalid={Boolean(fieldErrors.extra)} aria-describedby="request-extra-error" />
            <FieldError id="request-extra-error" messages={fieldErrors.extra} />
          </div>
          <p className="text-xs text-slate-500">
            {channel === "chat"
              ? "The agent asks them in the lead's chat, one at a time, and adds the answers to the package."
              : "An email to the lead is drafted and waits for approval before it is sent."}
          </p>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={pending}>
              {channel === "chat" ? "Ask in the chat" : "Draft the email"}
            </Button>
            <Button size="sm" variant="ghost" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {panel === "snooze" && (
        <SnoozeForm
          pending={pending}
          errors={fieldErrors.until}
          onCancel={close}
          onSnooze={(until) => run(actions.snooze, form({ until }), `Snoozed until ${new Date(until).toLocaleString()}.`, close, actions.undo)}
        />
      )}

      {panel === "hand_back" && (
        <form
          aria-label="Hand back to the agent"
          className="space-y-3 rounded-md border border-amber-200 bg-amber-50/60 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(actions.handBack, new FormData(e.currentTarget), "Handed back: the agent has the lead again.", close);
          }}
        >
          <p className="text-sm text-slate-700">
            The package loses its owner and goes back to the agent at nurture priority{channel === "chat" ? "; the agent picks the chat up again" : ""}.
          </p>
          <div>
            <Label htmlFor="hand-back-reason">Why should the agent take it back?</Label>
            <Textarea
              id="hand-back-reason"
              name="reason"
              maxLength={2000}
              aria-invalid={Boolean(fieldErrors.reason)}
              aria-describedby="hand-back-reason-error"
            />
            <FieldError id="hand-back-reason-error" messages={fieldErrors.reason} />
          </div>
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="danger" disabled={pending}>
              Hand it back
            </Button>
            <Button size="sm" variant="ghost" onClick={close}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}

function SnoozeForm({
  pending,
  errors,
  onCancel,
  onSnooze,
}: {
  pending: boolean;
  errors?: string[];
  onCancel: () => void;
  onSnooze: (isoUntil: string) => void;
}) {
  const [local, setLocal] = useState("");
  // The browser knows the person's time zone; the server receives an exact instant.
  const presets: [string, () => Date][] = [
    ["In 3 hours", () => new Date(Date.now() + 3 * 3600_000)],
    ["Tomorrow 9:00", () => atNine(1)],
    ["Next week", () => atNine(7)],
  ];
  return (
    <form
      aria-label="Snooze"
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSnooze(local ? new Date(local).toISOString() : "");
      }}
    >
      <div className="flex flex-wrap gap-2">
        {presets.map(([text, at]) => (
          <Button key={text} size="sm" variant="secondary" disabled={pending} onClick={() => onSnooze(at().toISOString())}>
            {text}
          </Button>
        ))}
      </div>
      <div>
        <Label htmlFor="snooze-until">Or until</Label>
        <Input
          id="snooze-until"
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          aria-invalid={Boolean(errors)}
          aria-describedby="snooze-until-error"
        />
        <FieldError id="snooze-until-error" messages={errors} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Snooze
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function atNine(daysAhead: number): Date {
  const d = new Date();
  d.setDate(d.getDate() + daysAhead);
  d.setHours(9, 0, 0, 0);
  return d;
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}
