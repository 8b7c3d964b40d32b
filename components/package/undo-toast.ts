"use client";

import { toast } from "sonner";
import type { ActionResult } from "@/lib/action";
import { actionErrorText } from "@/lib/action-error-text";
import { UNDO_WINDOW_MS } from "@/lib/handoffs/state-machine";

type Done = { id: string; status: string; version: number };
export type UndoAction = (form: FormData) => Promise<ActionResult<Done>>;

/**
 * The success toast of an accept, discard, convert or snooze, with Undo for as long as the server
 * allows it (lib/handoffs/undo.ts checks the person, the window and the version again).
 */
export function toastWithUndo(message: string, done: Done, undo: UndoAction, afterUndo: () => void) {
  toast.success(message, {
    duration: UNDO_WINDOW_MS,
    action: {
      label: "Undo",
      onClick: () => {
        const form = new FormData();
        form.set("handoffId", done.id);
        form.set("version", String(done.version));
        void undo(form).then((result) => {
          if (result.ok) toast.success("Undone: the package is as it was.");
          else toast.error(actionErrorText(result));
          afterUndo();
        });
      },
    },
  });
}
