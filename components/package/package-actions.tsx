"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { ConvertForm } from "@/components/package/actions/convert-form";
import { DiscardForm } from "@/components/package/actions/discard-form";
import { ReassignForm } from "@/components/package/actions/reassign-form";
import { toastWithUndo } from "@/components/package/undo-toast";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
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
  /** The top card leads with Accept: said once, so not repeated here. */
  acceptShownAbove?: boolean;
  /** What each form the inbox's keys ask for (`?action=…`) does here: open, or say why not. */
  requestedViews: Record<RequestedAction, RequestedActionView>;
  assignees: { id: string; label: string }[];
  currentOwnerId: string | null;
  actions: { accept: ServerAction; startFollowUp: ServerAction; convert: ServerAction; discard: ServerAction; reassign: ServerAction; undo: ServerAction };
};

export function PackageActions({
  handoffId,
  unavailableReason,
  version,
  allowed,
  acceptShownAbove = false,
  requestedViews,
  assignees,
  currentOwnerId,
  actions,
}: PackageActionsProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // The inbox's d/c/r keys link here with ?action=…: open that form if the person may use it.
  const requestedParam = useSearchParams().get("action");
  const requested = isRequestedAction(requestedParam) ? requestedParam : null;
  const [panel, setPanel] = useState<Panel | null>(() => (requested && allowed[requested] ? requested : null));
  // A form asked for that cannot open says why, until the person does something else.
  const [notice, setNotice] = useState<RequestedActionView | null>(() => (requested && !allowed[requested] ? requestedViews[requested] : null));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  /** `undoable`: the toast offers Undo (accept, discard, convert). */
  const run = (action: ServerAction, form: FormData, success: string, next: Panel | null = null, undoable = false) =>
    startTransition(async () => {
      form.set("handoffId", handoffId);
      form.set("version", String(version));
      const result = await action(form);
      if (result.ok) {
        if (undoable) toastWithUndo(success, result.data, actions.undo, () => router.refresh());
        else toast.success(success);
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
  if (nothing)
    return (
      <p className="text-sm text-slate-500" data-testid="actions-unavailable">
        {unavailableReason}
      </p>
    );

  return (
    <div className="space-y-3" data-testid="package-actions">
      {notice && notice.kind !== "open" ? (
        <div
          role="status"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          data-testid="requested-action-notice"
        >
          <p>{notice.message}</p>
          {notice.kind === "accept_first" && allowed.accept ? (
            <Button
              disabled={pending}
              onClick={() => run(actions.accept, new FormData(), "Accepted: this package is yours. Now enter the deal.", "convert", true)}
            >
              Accept and convert
            </Button>
          ) : null}
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {allowed.accept && !acceptShownAbove && (
          <Button disabled={pending} onClick={() => run(actions.accept, new FormData(), "Accepted: this package is yours.", null, true)}>
            Accept
          </Button>
        )}
        {allowed.startFollowUp && (
          <Button variant="secondary" disabled={pending} onClick={() => run(actions.startFollowUp, new FormData(), "Marked in follow-up.")}>
            Mark in follow-up
          </Button>
        )}
        {allowed.convert && (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => (setNotice(null), setPanel(panel === "convert" ? null : "convert"))}
            aria-expanded={panel === "convert"}
          >
            Convert
          </Button>
        )}
        {allowed.reassign && (
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() => (setNotice(null), setPanel(panel === "reassign" ? null : "reassign"))}
            aria-expanded={panel === "reassign"}
          >
            Reassign
          </Button>
        )}
        {allowed.discard && (
          <Button
            variant="ghost"
            className="text-red-700 hover:bg-red-50"
            disabled={pending}
            onClick={() => (setNotice(null), setPanel(panel === "discard" ? null : "discard"))}
            aria-expanded={panel === "discard"}
          >
            Discard
          </Button>
        )}
      </div>

      {panel === "discard" && (
        <DiscardForm
          pending={pending}
          fieldErrors={fieldErrors}
          onSubmit={(form) => run(actions.discard, form, "Discarded.", null, true)}
          onCancel={() => setPanel(null)}
        />
      )}

      {panel === "convert" && (
        <ConvertForm
          pending={pending}
          fieldErrors={fieldErrors}
          onSubmit={(form) => run(actions.convert, form, "Converted. Nice work.", null, true)}
          onCancel={() => setPanel(null)}
        />
      )}

      {panel === "reassign" && (
        <ReassignForm
          pending={pending}
          assignees={assignees}
          currentOwnerId={currentOwnerId}
          onSubmit={(form) => run(actions.reassign, form, "Reassigned.")}
          onCancel={() => setPanel(null)}
        />
      )}
    </div>
  );
}
