"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, useTransition, type ReactNode } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";

type AcceptAction = (form: FormData) => Promise<ActionResult<{ id: string; status: string; version: number }>>;
type KeyRow = { id: string; version: number };

type InboxKeyboardContext = { focusedId: string | null; setRows: (rows: KeyRow[]) => void };
const Context = createContext<InboxKeyboardContext | null>(null);

/** The row the keyboard is on, for the table to highlight; null outside <InboxKeyboard>. */
export function useInboxKeyboard() {
  return useContext(Context);
}

const shortcuts = [
  ["j", "Next package"],
  ["k", "Previous package"],
  ["Enter", "Open the package"],
  ["a", "Accept the package"],
  ["d", "Discard… (opens the package)"],
  ["c", "Convert… (opens the package)"],
  ["r", "Reassign… (opens the package)"],
  ["/", "Search"],
  ["?", "This list of keys"],
] as const;

const noSubscription = () => () => {};

const panelKeys: Record<string, "discard" | "convert" | "reassign"> = { d: "discard", c: "convert", r: "reassign" };

/**
 * Keyboard-first triage for the inbox list. Wraps the table: the table reports its rows and
 * highlights the focused one; this component owns the focus and the keys.
 */
export function InboxKeyboard({ accept, children }: { accept: AcceptAction; children: ReactNode }) {
  const router = useRouter();
  const [rows, setRows] = useState<KeyRow[]>([]);
  // The keys read the rows from here: the table reports them in its first effect, before this
  // component's own effects run, so the very first j after hydration already has them.
  const rowsRef = useRef<KeyRow[]>([]);
  const reportRows = useCallback((next: KeyRow[]) => {
    rowsRef.current = next;
    setRows(next);
  }, []);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // False in the server render and through hydration, true in the render after it: by then React has
  // run the hydration's effects, so the keys listen and the table has reported its rows.
  const keysReady = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [helpOpen, setHelpOpen] = useState(false);
  const [, startTransition] = useTransition();
  const accepting = useRef(false);

  const focused = rows.find((row) => row.id === focusedId) ?? null;

  const move = useCallback(
    (step: 1 | -1) => {
      const current = rowsRef.current;
      if (current.length === 0) return;
      const index = current.findIndex((row) => row.id === focusedId);
      const next = index === -1 ? 0 : Math.min(current.length - 1, Math.max(0, index + step));
      setFocusedId(current[next]!.id);
    },
    [focusedId],
  );

  const acceptFocused = useCallback(
    (row: KeyRow) => {
      // One accept at a time: a held key must not fire a second request with the same version.
      if (accepting.current) return;
      accepting.current = true;
      startTransition(async () => {
        try {
          const form = new FormData();
          form.set("handoffId", row.id);
          form.set("version", String(row.version));
          const result = await accept(form);
          if (result.ok) toast.success("Accepted: this package is yours.");
          else toast.error(actionErrorText(result));
          // Success or conflict, the list must show the package as it is now.
          if (result.ok || result.code === "conflict") router.refresh();
        } finally {
          accepting.current = false;
        }
      });
    },
    [accept, router],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (helpOpen || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const key = event.key;
      if (key === "j" || key === "k") {
        event.preventDefault();
        move(key === "j" ? 1 : -1);
      } else if (key === "?") {
        event.preventDefault();
        setHelpOpen(true);
      } else if (key === "/") {
        const search = document.querySelector<HTMLElement>("[data-inbox-search]");
        if (!search) return;
        event.preventDefault();
        search.focus();
      } else if (focused && key === "Enter") {
        // Enter on a focused link or button already does its own thing.
        if (isInteractive(event.target)) return;
        event.preventDefault();
        router.push(`/handoffs/${focused.id}`);
      } else if (focused && key === "a") {
        event.preventDefault();
        acceptFocused(focused);
      } else if (focused && key in panelKeys) {
        event.preventDefault();
        router.push(`/handoffs/${focused.id}?action=${panelKeys[key]}`);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [helpOpen, move, focused, acceptFocused, router]);

  // Keep the focused row on screen as j/k walk past the fold.
  useEffect(() => {
    if (!focusedId) return;
    document.querySelector(`[data-row-id="${CSS.escape(focusedId)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [focusedId]);

  return (
    <Context.Provider value={{ focusedId: focused?.id ?? null, setRows: reportRows }}>
      {children}
      <div className="flex justify-end" data-keys-ready={keysReady ? "true" : undefined}>
        <button type="button" onClick={() => setHelpOpen(true)} className="text-xs text-slate-500 hover:text-slate-900" data-testid="shortcuts-button">
          Keyboard shortcuts <kbd className="rounded border border-slate-300 bg-white px-1 font-mono">?</kbd>
        </button>
      </div>
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </Context.Provider>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcuts-title"
      onClose={onClose}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself.
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto w-full max-w-sm rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/30"
      data-testid="shortcuts-dialog"
    >
      <div className="p-4">
        <h2 id="shortcuts-title" className="text-base font-semibold text-slate-900">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 space-y-1.5 text-sm">
          {shortcuts.map(([key, text]) => (
            <div key={key} className="flex items-center justify-between gap-4">
              <dt>
                <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{key}</kbd>
              </dt>
              <dd className="text-slate-600">{text}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" size="sm" onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    </dialog>
  );
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

function isInteractive(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("a, button, summary, [role='button']") !== null;
}
