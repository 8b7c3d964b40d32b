import type { Archetype } from "./archetype";
import { makeCtx } from "./archetype-context";
import { archetypes } from "./archetypes";
import { buildPackage } from "./build-package";
import { companyByKey, sizeBand } from "./companies";
import { currencyOf } from "./country";
import { demoUuid } from "./demo-uuid";
import { intakeEvent } from "./intake-event";
import { leadMessages } from "./lead-messages";
import type { Person } from "./lead-person";
import { evidenceFor, parseMarkers } from "./markers";
import { DEMO_RULE_VERSION, slaDueAt } from "./policy";
import { pickFrom, seededRandom } from "./random";
import { esRoles, salesRoles } from "./roles";
import type { DemoCompany, DemoConversation, DemoHandoff, DemoHandoffRow, DemoIntake, DemoLead, DemoMessage } from "./rows";
import { findSlot, slotCountry, type Slot } from "./slots";
import { packageSource, pickSource } from "./sources";
import { people, teamNames } from "./staff";
import { timeline } from "./timeline";

/** Every row for one slot's handoff; `person` is the lead, chosen up front so no two leads share a name. */
export function buildHandoff(slot: Slot, person: Person, now: Date): DemoHandoff {
  const origin = slot.dup ? findSlot(slot.dup) : slot;
  const def = origin.co ? companyByKey[origin.co] : null;
  const country = slotCountry(slot);

  // Content comes from the origin's key (a duplicate says the same thing); timing from the slot's own.
  const rand = seededRandom(origin.key);
  const timing = seededRandom(`timing:${slot.key}`);
  const ctx = makeCtx(rand, def, person, country, slot.key);
  const archetype: Archetype = archetypes[origin.a];
  const draft = archetype.build(ctx);
  const priority = archetype.priority;
  const role = draft.roles === null || slot.ch === "chat" ? null : pickFrom(rand, draft.roles ?? (draft.lang === "es" ? esRoles : salesRoles));

  const missing = new Set(draft.missing ?? []);
  const company = def && !missing.has("company") ? def : null;
  const email = missing.has("email") ? null : company ? person.email : person.personalEmail;
  const phone = draft.phone || timing() < 0.4 ? person.phone : null;
  const website = company && (slot.ch === "form" || slot.ch === "landing_page") ? `https://www.${company.domain}` : null;

  const turns = draft.turns.map(parseMarkers);
  const markers = new Map<string, string>();
  for (const turn of turns) for (const m of turn.markers) if (!markers.has(m.key)) markers.set(m.key, m.text);

  const source = pickSource(slot.ch, draft.lang, draft.page, timing);
  const createdAt = new Date(now.getTime() - slot.age * 60_000 - (slot.age >= 10 ? Math.floor(timing() * 40_000) : 0));
  const receivedAt = new Date(createdAt.getTime() - 2_000 - Math.floor(timing() * 18_000));
  const teamName = teamNames[slot.team];
  const routed = slot.re !== undefined ? slot.re : (slot.own ?? null);

  const ids = {
    handoff: demoUuid(`handoff:${slot.key}`),
    intake: demoUuid(`intake:${slot.key}`),
    conversation: slot.ch === "chat" || slot.ch === "email" ? demoUuid(`conversation:${slot.key}`) : null,
    lead: demoUuid(`lead:${email ?? `${origin.key}:${person.name}`}`),
    company: company ? demoUuid(`company:${company.domain}`) : null,
  };

  const identification = { name: person.name, email, phone, company: company?.name ?? null, role, website };
  const messagesOut = leadMessages({ channel: slot.ch, lang: draft.lang, turns, person, role, company, receivedAt });
  const raw = intakeEvent({ slot, source, receivedAt, identification, turns, draft, messages: messagesOut.raw });

  const reasons = draft.reasons.map(([code, rule, evidence]) => ({ code, rule, evidence: evidenceFor(evidence, markers, email, slot.key) }));
  const reasonCodes = [...new Set(reasons.map((r) => r.code))];
  const decision = priority === "nurture" ? "ask" : "escalate";
  const flow = timeline({ slot, priority, createdAt, now, rand: timing, routed, decision, reasons: reasonCodes });

  const pkg = buildPackage({
    draft,
    markers,
    identification,
    source,
    receivedAt,
    priority,
    ids,
    reasons,
    ownerLabel: routed ? people[routed].name : `${teamName} queue`,
    channel: slot.ch,
  });

  const leadRow: DemoLead = {
    id: ids.lead,
    companyId: ids.company,
    name: person.name,
    email,
    phone,
    role,
    website,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  };
  const companyRow: DemoCompany | null =
    company && ids.company
      ? {
          id: ids.company,
          name: company.name,
          domain: company.domain,
          sizeBand: sizeBand(company.employees),
          country: company.country,
          createdAt: receivedAt,
          updatedAt: receivedAt,
        }
      : null;
  const response = {
    externalId: raw.externalId,
    decision,
    priority,
    reasons: reasonCodes,
    missingFields: [...missing],
    questions: pkg.facts.openQuestions,
    actions: [
      ...(decision === "escalate" ? [{ type: "create_task", requiresApproval: false }] : []),
      ...pkg.proposedActions.map((a) => ({ type: a.type, requiresApproval: true })),
    ],
    package: pkg,
  };
  const intake: DemoIntake = {
    id: ids.intake,
    externalId: String(raw.externalId),
    channel: slot.ch,
    source: { ...packageSource(source) },
    raw,
    receivedAt: receivedAt.toISOString(),
    leadId: ids.lead,
    response,
    createdAt: new Date(receivedAt.getTime() + 1_000),
  };
  const conversationId = ids.conversation;
  const conversation: DemoConversation | null = conversationId
    ? {
        id: conversationId,
        leadId: ids.lead,
        channel: slot.ch,
        handledBy: slot.st === "pending" ? "agent" : "human",
        createdAt: messagesOut.stored[0]?.sentAt ?? receivedAt,
        updatedAt: flow.updatedAt,
      }
    : null;
  const threadMessages: DemoMessage[] = conversationId
    ? messagesOut.stored.map((m, i) => ({ ...m, id: demoUuid(`message:${slot.key}:${i}`), conversationId }))
    : [];

  const handoff: DemoHandoffRow = {
    id: ids.handoff,
    leadId: ids.lead,
    companyId: ids.company,
    intakeId: ids.intake,
    conversationId: ids.conversation,
    decision,
    priority,
    status: slot.st,
    slaDueAt: slaDueAt(priority, createdAt),
    reasons: reasonCodes,
    intent: pkg.intent,
    fit: pkg.qualification.fit,
    channel: slot.ch,
    campaign: source.campaign ?? null,
    ruleVersion: DEMO_RULE_VERSION,
    agentSource: "deterministic",
    package: pkg,
    leadName: person.name,
    leadEmail: email,
    companyName: company?.name ?? null,
    summary: pkg.summary,
    valueAmount: slot.st === "converted" && slot.won ? slot.won[0] : null,
    valueCurrency: slot.st === "converted" && slot.won ? currencyOf(country) : null,
    meetingBooked: slot.st === "converted" && slot.won ? slot.won[1] : false,
    discardReason: slot.st === "discarded" ? (slot.drop ?? "other") : null,
    acceptedAt: flow.acceptedAt,
    closedAt: flow.closedAt,
    createdAt,
    updatedAt: flow.updatedAt,
    version: flow.version,
  };
  return {
    key: slot.key,
    teamName,
    ownerEmail: slot.own ? people[slot.own].email : null,
    handoff,
    company: companyRow,
    lead: leadRow,
    intake,
    conversation,
    messages: threadMessages,
    events: flow.events,
  };
}
