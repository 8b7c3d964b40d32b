import type { IntakeEvent } from "@/lib/contract/intake";
import { maskDeep, type MaskedValue } from "@/lib/privacy/mask-text";

/**
 * The intake event as Baton may keep it: every string (fields of any name, HubSpot lists, messages,
 * unknown keys, proposed actions' parameters) with its sensitive values masked. Runs at each edge
 * (intake API, chat, the triage command) before the event is stored, triaged, logged or sent.
 */
export function maskIntakeEvent(event: IntakeEvent): { event: IntakeEvent; removed: MaskedValue[] } {
  // The sender's id is a machine's key, not the lead's words: masking a long numeric id that happens
  // to pass the Luhn check would make two different leads one ("•••• 4242") and break idempotency.
  const { externalId, ...rest } = event;
  const masked = maskDeep(rest);
  return {
    event: { ...(masked.value as Omit<IntakeEvent, "externalId">), ...(externalId === undefined ? {} : { externalId }) } as IntakeEvent,
    removed: masked.removed,
  };
}
