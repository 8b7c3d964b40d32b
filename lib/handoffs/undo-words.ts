import type { HandoffStatus } from "@/db/schema/handoffs";
import { statusLabels } from "@/lib/handoffs/state-machine";

/** The timeline event an undo writes (handoff_events.type is free text). */
export const UNDONE_EVENT = "undone";

/** The timeline's words for an undo: "undid the accept: back to pending". */
export function describeUndo(data: Record<string, unknown>, toStatus: HandoffStatus | null): string {
  const verb = { accept: "accept", discard: "discard", convert: "conversion", snooze: "snooze" }[String(data.command)] ?? "last change";
  return data.command === "snooze" || !toStatus ? `undid the ${verb}` : `undid the ${verb}: back to ${statusLabels[toStatus].toLowerCase()}`;
}
