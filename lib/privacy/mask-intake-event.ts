import type { IntakeEvent } from "@/lib/contract/intake";
import { maskDeep, type MaskedValue } from "@/lib/privacy/mask-text";

/**
 * The intake event as Baton may keep it: every string (fields of any name, HubSpot lists, messages,
 * unknown keys, proposed actions' parameters) with its sensitive values masked. Runs at each edge
 * (intake API, chat, the triage command) before the event is stored, triaged, logged or sent.
 */
export function maskIntakeEvent(event: IntakeEvent): { event: IntakeEvent; removed: MaskedValue[] } {
  const masked = maskDeep(event);
  return { event: masked.value, removed: masked.removed };
}
