import { actionLabels } from "@/lib/approvals/action-params";
import { sensitiveActionTypes } from "@/lib/contract/package";

/** Per action type: may the person who asked for a request not approve it themselves? */
export type FourEyesSettings = Record<string, boolean>;

/**
 * The defaults, until an admin sets them: on for emails (people draft them: "request more info"),
 * off for the CRM changes, which only the agent proposes today.
 */
export const defaultFourEyes: FourEyesSettings = Object.fromEntries(sensitiveActionTypes.map((type) => [type, type === "send_email"]));

export function withDefaults(saved: readonly { actionType: string; fourEyes: boolean }[]): FourEyesSettings {
  return { ...defaultFourEyes, ...Object.fromEntries(saved.map((row) => [row.actionType, row.fourEyes])) };
}

export type MayApprove = { ok: true } | { ok: false; reason: string };

/**
 * Whether this person may approve this request (pure): with four-eyes on for its action type, not
 * the person who asked for it. The agent's own proposals have no person who asked. Deny is never
 * blocked: withdrawing one's own request is always allowed.
 */
export function mayApprove(approval: { actionType: string; requestedById: string | null }, actorId: string, settings: FourEyesSettings): MayApprove {
  if (!approval.requestedById || approval.requestedById !== actorId) return { ok: true };
  if (!(settings[approval.actionType] ?? false)) return { ok: true };
  const what = (actionLabels[approval.actionType] ?? approval.actionType).toLowerCase();
  return { ok: false, reason: `You asked for this (${what}); with four-eyes on, another person approves it. You can still deny it.` };
}
