import { createHash } from "node:crypto";
import type { HandoffPackage } from "@/lib/contract/package";
import type { Draft } from "./archetype";
import { sizeBand } from "./companies";
import type { Slot } from "./slots";
import { mailboxes, packageSource, type SourceDef } from "./sources";

/** A v1 intake event (triage-contract.md section 1) as the sender would have posted it. */
export function intakeEvent(x: {
  slot: Slot;
  source: SourceDef;
  receivedAt: Date;
  identification: HandoffPackage["identification"];
  turns: { text: string }[];
  draft: Draft;
  messages: { from: "lead" | "agent"; text: string; at: string }[];
}): Record<string, unknown> {
  const { slot, identification: id } = x;
  const hex = createHash("sha1").update(`intake:${slot.key}`).digest("hex");
  const prefix = { form: "hs-form", landing_page: "lp", email: "mail", chat: "chat" }[slot.ch];
  const event: Record<string, unknown> = {
    externalId: `${prefix}-${hex.slice(0, slot.ch === "form" ? 6 : 10)}`,
    channel: slot.ch,
    receivedAt: x.receivedAt.toISOString(),
    source: { ...packageSource(x.source) },
  };
  const message = x.turns.map((t) => t.text).join(" ");
  const contact = Object.fromEntries(Object.entries(id).filter(([, v]) => v !== null));

  if (slot.ch === "form") {
    // HubSpot form submissions: identity only in `fields`, under HubSpot's internal names.
    const [firstname, ...rest] = (id.name ?? "").split(" ");
    const fields: Record<string, string> = { firstname: firstname ?? "", lastname: rest.join(" ") };
    if (id.email) fields.email = id.email;
    if (id.phone) fields.phone = id.phone;
    if (id.company) fields.company = id.company;
    if (id.role) fields.jobtitle = id.role;
    if (id.website) fields.website = id.website;
    if (x.draft.employees !== undefined) fields.numemployees = sizeBand(x.draft.employees);
    if (message) fields.message = message;
    // Some forms post HubSpot's list shape; the contract accepts both.
    event.fields = hex.charCodeAt(0) % 3 === 0 ? Object.entries(fields).map(([name, value]) => ({ name, value })) : fields;
  } else if (slot.ch === "landing_page") {
    event.contact = contact;
    event.fields = message ? { message } : {};
  } else {
    event.contact = contact;
    if (slot.ch === "email") event.fields = { subject: x.draft.subject ?? (x.draft.lang === "es" ? "Consulta" : "Enquiry"), to: mailboxes[x.draft.lang] };
    event.messages = x.messages;
  }
  if (x.draft.actions?.length) {
    event.proposedActions = x.draft.actions.map((a) => ({ type: a.type, params: a.params, reason: a.reason ?? null }));
  }
  return event;
}
