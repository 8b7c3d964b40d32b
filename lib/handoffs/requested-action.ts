import type { HandoffStatus } from "@/db/schema/handoffs";
import { checkTransition, statusLabels } from "@/lib/handoffs/state-machine";

/** The forms the inbox's d/c/r keys open on the package page (`?action=…`). */
export const requestedActions = ["convert", "discard", "reassign"] as const;
export type RequestedAction = (typeof requestedActions)[number];

export type RequestedActionView =
  | { kind: "open" }
  /** Not possible yet, but accepting the package first makes it possible: offer both in one step. */
  | { kind: "accept_first"; message: string }
  | { kind: "unavailable"; message: string };

/**
 * What the package page does with a form the inbox asked for: open it, or say why not. A key press
 * that silently lands on a page with no form looks like a broken key.
 */
export function requestedActionView(
  action: RequestedAction,
  context: { status: HandoffStatus; mayAct: boolean; mayReassign: boolean; ownerName: string | null },
): RequestedActionView {
  const closed = !["pending", "accepted", "in_follow_up"].includes(context.status);
  if (action === "reassign") {
    if (closed) return { kind: "unavailable", message: `This package is ${statusLabels[context.status].toLowerCase()}; there is nothing to reassign.` };
    if (!context.mayReassign) return { kind: "unavailable", message: "Only a manager or an admin can reassign a package." };
    return { kind: "open" };
  }
  if (!context.mayAct && !closed)
    return {
      kind: "unavailable",
      message: `${context.ownerName ?? "Someone else"} owns this package, so you cannot ${action} it. Ask a manager to reassign it if you should take it.`,
    };
  const check = checkTransition(action, context.status);
  if (check.ok) return { kind: "open" };
  if (action === "convert" && checkTransition("accept", context.status).ok) {
    return { kind: "accept_first", message: "A package is converted once it is accepted: accept it first, or accept and convert it in one step." };
  }
  return { kind: "unavailable", message: check.reason };
}

/** The view of each form, for a page that does not know yet which one the URL asks for. */
export function requestedActionViews(context: Parameters<typeof requestedActionView>[1]): Record<RequestedAction, RequestedActionView> {
  return {
    convert: requestedActionView("convert", context),
    discard: requestedActionView("discard", context),
    reassign: requestedActionView("reassign", context),
  };
}

export function isRequestedAction(value: string | null): value is RequestedAction {
  return (requestedActions as readonly string[]).includes(value ?? "");
}
