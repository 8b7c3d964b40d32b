"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Select, Textarea } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { currencies } from "@/lib/handoffs/command-schemas";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { isRequestedAction, type RequestedAction, type RequestedActionView } from "@/lib/handoffs/requested-action";

type Result = ActionResult<{ id: string; status: string; version: number }>;
type ServerAction = (form: FormData) => Promise<Result>;
type Panel = RequestedAction;

export type PackageActionsProps = {
  handoffId: string;
  /** Shown when nothing is allowed: why, and what the person can do instead. */
  unavailableReason: string;
  version: number;
  allowed: { accept: boolean; startFollowUp: boolean; convert: boolean; discard: boolean; reassign: boolean };
  /** What each form the inbox's keys ask for (`?action=…`) does here: open, or say why not. */
  requestedViews: Record<RequestedAction, RequestedActionView>;
  assignees: { id: string; label: string }[];
  currentOwnerId: string | null;
  actions: { accept: ServerAction; startFollowUp: ServerAction; convert: ServerAction; discard: ServerAction; reassign: ServerAction };
};

export function PackageActions({ handoffId, unavailableReason, version, allowed, requestedViews, assignees, currentOwnerId, actions }: PackageActionsProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The inbox's d/c/r keys link here with ?action=…: open that form if the person may use it.
  const requestedParam = useSearchParams().get("action");
  const requested = isRequestedAction(requestedParam) ? requestedParam : null;
  const [panel, setPanel] = useState<Panel | null>(() => (requested && allowed[requested] ? requested : null));
  // A form asked for that cannot open says why, until the person does something else.
  const [notice, setNotice] = useState<RequestedActionView | null>(() => (requested && !allowed[requested] ? requestedViews[requested] : null));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const run = (action: ServerAction, form: FormData, success: string, next: Panel | null = null) =>
    startTransition(async () => {
      form.set("handoffId", handoffId);
      form.set("version", String(version));
      const result = await action(form);
      if (result.ok) {
        toast.success(success);
        setPanel(next);
        setNotice(null);
        setFieldErrors({});
      } else {
        setFieldErrors(result.fieldErrors ?? {});
        toast.error(actionErrorText(result));
      }
      // Success or conflict, the page must show the package as it is now.
      if (result.ok || result.code === "conflict") router.refresh();
    });

  const nothing = !Object.values(allowed).some(Boolean);
  if (nothing) return <p className="text-sm text-slate-500" data-testid="actions-unavailable">{unavailableReason}</p>;

  return (
    <div className="space-y-3" data-testid="package-actions">
      {notice && notice.kind !== "open" ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="requested-action-notice">
          <p>{notice.message}</p>
          {notice.kind === "accept_first" && allowed.accept ? (
            <Button disabled={pending} onClick={() => run(actions.accept, new FormData(), "Accepted: this package is yours. Now enter the deal.", "convert")}>
              Accept and convert
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {allowed.accept && (
          <Button disabled={pending} onClick={() => run(actions.accept, new FormData(), "Accepted: this package is yours.")}>
            Accept
          </Button>
        )}
        {allowed.startFollowUp && (
          <Button variant="secondary" disabled={pending} onClick={() => run(actions.startFollowUp, new FormData(), "Marked in follow-up.")}>
            Mark in follow-up
          </Button>
        )}
        {allowed.convert && (
          <Button variant="secondary" disabled={pending} onClick={() => (setNotice(null), setPanel(panel === "convert" ? null : "convert"))} aria-expanded={panel === "convert"}>
            Convert
          </Button>
        )}
        {allowed.reassign && (
          <Button variant="secondary" disabled={pending} onClick={() => (setNotice(null), setPanel(panel === "reassign" ? null : "reassign"))} aria-expanded={panel === "reassign"}>
            Reassign
          </Button>
        )}
        {allowed.discard && (
          <Button variant="ghost" className="text-red-700 hover:bg-red-50" disabled={pending} onClick={() => (setNotice(null), setPanel(panel === "discard" ? null : "discard"))} aria-expanded={panel === "discard"}>
            Discard
          </Button>
        )}
      </div>

      {panel === "discard" && (
        <form
          aria-label="Discard package"
          className="space-y-3 rounded-md border border-red-200 bg-red-50/50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(actions.discard, new FormData(e.currentTarget), "Discarded.");
          }}
        >
          <div>
            <Label htmlFor="discard-reason">Why are you discarding it?</Label>
            <Select id="discard-reason" name="reason" defaultValue="" aria-invalid={Boolean(fieldErrors.reason)} aria-describedby="discard-reason-error">
              <option value="" disabled>
                Choose a reason…
              </option>
              {Object.entries(discardReasons).map(([key, text]) => (
                <option key={key} value={key}>
                  {text}
                </option>
              ))}
            </Select>
            <FieldError id="discard-reason-error" messages={fieldErrors.reason} />
          </div>
          <div>
            <Label htmlFor="discard-note">Note (required for “Other”)</Label>
            <Textarea id="discard-note" name="note" maxLength={2000} aria-invalid={Boolean(fieldErrors.note)} aria-describedby="discard-note-error" />
            <FieldError id="discard-note-error" messages={fieldErrors.note} />
          </div>
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              Discard package
            </Button>
            <Button variant="ghost" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {panel === "convert" && (
        <form
          aria-label="Convert package"
          className="space-y-3 rounded-md border border-emerald-200 bg-emerald-50/50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            // Decides how an ambiguous value such as "1.234" reads (see lib/handoffs/typed-amount.ts).
            form.set("locale", navigator.language);
            run(actions.convert, form, "Converted. Nice work.");
          }}
        >
          <div className="grid grid-cols-3 gap-2">
            <div className="col-span-2">
              <Label htmlFor="convert-value">Deal value</Label>
              <Input id="convert-value" name="valueAmount" inputMode="decimal" placeholder="12,000.50" aria-invalid={Boolean(fieldErrors.valueAmount)} aria-describedby="convert-value-error" />
              <FieldError id="convert-value-error" messages={fieldErrors.valueAmount} />
            </div>
            <div>
              <Label htmlFor="convert-currency">Currency</Label>
              <Select id="convert-currency" name="valueCurrency" defaultValue="EUR">
                {currencies.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            </div>
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="meetingBooked" className="size-4 rounded border-slate-300" /> A meeting is booked
          </label>
          <div>
            <Label htmlFor="convert-note">Note</Label>
            <Textarea id="convert-note" name="note" maxLength={2000} />
          </div>
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              Mark converted
            </Button>
            <Button variant="ghost" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}

      {panel === "reassign" && (
        <form
          aria-label="Reassign package"
          className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(actions.reassign, new FormData(e.currentTarget), "Reassigned.");
          }}
        >
          <div>
            <Label htmlFor="reassign-owner">New owner</Label>
            <Select id="reassign-owner" name="ownerId" defaultValue={currentOwnerId ?? "unassigned"}>
              <option value="unassigned">Unassigned (team queue)</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="reassign-note">Note for the new owner</Label>
            <Textarea id="reassign-note" name="note" maxLength={2000} />
          </div>
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              Reassign
            </Button>
            <Button variant="ghost" onClick={() => setPanel(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
