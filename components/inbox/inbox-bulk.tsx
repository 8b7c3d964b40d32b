"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import type { DiscardReason } from "@/lib/handoffs/discard-reasons";
import type { BulkResult } from "@/lib/inbox/bulk-actions";

type BulkRow = { id: string; version: number; open: boolean };
type BulkItems = { handoffId: string; version: number }[];
type ReassignAction = (input: { items: BulkItems; ownerId: string }) => Promise<ActionResult<BulkResult>>;
type DiscardAction = (input: { items: BulkItems; reason: DiscardReason; note?: string }) => Promise<ActionResult<BulkResult>>;

type SelectionContext = {
  selected: ReadonlySet<string>;
  selectable: string[];
  allSelected: boolean;
  toggle: (id: string) => void;
  setAll: (on: boolean) => void;
};
const Context = createContext<SelectionContext | null>(null);

/** The rows a manager ticked, for the table's checkboxes; null where there are no bulk actions (reps). */
export function useInboxSelection() {
  return useContext(Context);
}

/**
 * Bulk reassign and bulk discard for managers: owns the selection, and shows a bar of actions once
 * something is selected. Each action reports per package ("12 discarded, 1 changed by someone else").
 */
export function InboxBulk({
  rows,
  assignees,
  discardReasons,
  reassign,
  discard,
  children,
}: {
  rows: BulkRow[];
  assignees: { id: string; label: string }[];
  discardReasons: Record<DiscardReason, string>;
  reassign: ReassignAction;
  discard: DiscardAction;
  children: ReactNode;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [owner, setOwner] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  const selectable = useMemo(() => rows.filter((r) => r.open).map((r) => r.id), [rows]);
  // A live refresh can drop rows (someone closed them): the selection keeps only what is still listed.
  const current = useMemo(() => new Set([...selected].filter((id) => selectable.includes(id))), [selected, selectable]);
  const context = useMemo<SelectionContext>(
    () => ({
      selected: current,
      selectable,
      allSelected: selectable.length > 0 && selectable.every((id) => current.has(id)),
      toggle: (id) =>
        setSelected((prev) => {
          const next = new Set(prev);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        }),
      setAll: (on) => setSelected(on ? new Set(selectable) : new Set()),
    }),
    [current, selectable],
  );

  // The versions the manager is looking at now: a package changed since then is reported, not overwritten.
  const items = () => rows.filter((r) => current.has(r.id)).map((r) => ({ handoffId: r.id, version: r.version }));

  const run = (call: () => Promise<ActionResult<BulkResult>>) =>
    startTransition(async () => {
      const result = await call();
      if (!result.ok) {
        toast.error(actionErrorText(result));
        return;
      }
      const clean = result.data.outcomes.every((o) => o.outcome === "done");
      if (clean) toast.success(`${result.data.summary}.`);
      else toast.warning(`${result.data.summary}. The list now shows the latest state.`);
      setSelected(new Set());
      setConfirming(false);
      router.refresh();
    });

  return (
    <Context.Provider value={context}>
      {children}
      {current.size > 0 ? (
        <div
          role="region"
          aria-label="Bulk actions"
          data-testid="bulk-bar"
          className="sticky bottom-2 z-10 flex flex-wrap items-center gap-2 rounded-lg border border-slate-300 bg-white p-2 text-sm shadow-lg"
        >
          <p className="px-1 font-medium text-slate-900" data-testid="bulk-count">
            {current.size} selected
          </p>
          <label className="flex items-center gap-1.5 text-slate-600">
            Reassign to
            <select
              value={owner}
              onChange={(e) => setOwner(e.target.value)}
              className="h-8 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
              data-testid="bulk-owner"
            >
              <option value="">Pick a person…</option>
              <option value="unassigned">Nobody (back to the queue)</option>
              {assignees.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" variant="secondary" disabled={!owner || pending} onClick={() => run(() => reassign({ items: items(), ownerId: owner }))}>
            Reassign
          </Button>
          <Button size="sm" variant="danger" disabled={pending} onClick={() => setConfirming(true)}>
            Discard…
          </Button>
          <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}
      {confirming ? (
        <DiscardDialog
          count={current.size}
          reasons={discardReasons}
          pending={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={(reason, note) => run(() => discard({ items: items(), reason, note: note || undefined }))}
        />
      ) : null}
    </Context.Provider>
  );
}

function DiscardDialog({
  count,
  reasons,
  pending,
  onCancel,
  onConfirm,
}: {
  count: number;
  reasons: Record<DiscardReason, string>;
  pending: boolean;
  onCancel: () => void;
  onConfirm: (reason: DiscardReason, note: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<DiscardReason | "">("");
  const [note, setNote] = useState("");
  useEffect(() => {
    const dialog = ref.current;
    dialog?.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  const needsNote = reason === "other" && note.trim().length < 3;
  return (
    <dialog
      ref={ref}
      aria-labelledby="bulk-discard-title"
      onClose={onCancel}
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/30"
      data-testid="bulk-discard-dialog"
    >
      <form
        className="space-y-3 p-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason && !needsNote) onConfirm(reason, note.trim());
        }}
      >
        <h2 id="bulk-discard-title" className="text-base font-semibold text-slate-900">
          Discard {count} {count === 1 ? "package" : "packages"}?
        </h2>
        <p className="text-sm text-slate-600">
          They close for good, with this reason on each timeline. Packages someone changed since you loaded the list are left alone.
        </p>
        <label className="block text-sm font-medium text-slate-700">
          Reason
          <select
            required
            value={reason}
            onChange={(e) => setReason(e.target.value as DiscardReason | "")}
            className="mt-1 block h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm font-normal"
            data-testid="bulk-discard-reason"
          >
            <option value="">Pick a reason…</option>
            {(Object.entries(reasons) as [DiscardReason, string][]).map(([key, text]) => (
              <option key={key} value={key}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Note {reason === "other" ? "(required)" : "(optional)"}
          <textarea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            maxLength={2000}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm font-normal"
          />
        </label>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" size="sm" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" size="sm" disabled={!reason || needsNote || pending}>
            Discard {count}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
