import type { HandoffPackage } from "@/lib/contract/package";
import { buildNoteSections } from "@/lib/crm/note-sections";

// What one handoff puts in the CRM, decided once for the sync, its preview and every adapter.
// The article's "where to log" table: the contact holds identity, intent and source; the company
// the B2B context; a deal only with real sales intent (converted, or qualified); a ticket for a
// support or pre-sales review request; a note holding the package, always; a task for the owner,
// due at the SLA, whenever a person has to act.

export const crmKinds = ["company", "contact", "deal", "ticket", "note", "task", "meeting"] as const;
export type CrmKind = (typeof crmKinds)[number];

export type NoteSection = { heading: string; lines: string[] };

export type ContactFields = {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  companyName: string | null;
  website: string | null;
  /** Only ever moved forward (HubSpot refuses to move it back); null leaves it as it is. */
  lifecycleStage: "lead" | "salesqualifiedlead" | "opportunity" | "customer" | null;
  leadStatus: "NEW" | "IN_PROGRESS" | "OPEN_DEAL" | "UNQUALIFIED";
  intent: string;
  source: string;
  ownerEmail: string | null;
  /**
   * The lead asks for something a seller sells (a diagnosis, quote, audit or integration) or has
   * converted. A CRM that keeps unqualified people apart (Salesforce's Lead) files the person as a
   * contact of an account only then; a CRM with one contact object ignores it.
   */
  salesIntent: boolean;
  handoff: HandoffFields;
};
/** The handoff behind the latest sync of a person, for CRMs that show it on the record itself. */
export type HandoffFields = {
  priority: "immediate" | "normal" | "nurture" | null;
  status: PlanInput["handoff"]["status"];
  /** Why the agent handed over, as reason codes. */
  reasons: string[];
  packageUrl: string;
};
/** `salesIntent` as for the contact: without it a CRM with separate leads keeps the company on the lead. */
export type CompanyFields = { name: string; domain: string | null; employees: number | null; salesIntent: boolean };
export type DealStage = "qualified" | "in_progress" | "won" | "lost";
export type DealFields = { name: string; stage: DealStage; amount: number | null; currency: string | null; closeDate: Date | null; ownerEmail: string | null };
export type TicketStage = "new" | "in_progress" | "closed";
export type TaskPriority = "LOW" | "MEDIUM" | "HIGH";
export type TicketFields = { subject: string; content: string; stage: TicketStage; priority: TaskPriority; ownerEmail: string | null };
export type NoteFields = { title: string; sections: NoteSection[]; timestamp: Date; ownerEmail: string | null };
export type TaskFields = {
  subject: string;
  body: string;
  dueAt: Date;
  status: "NOT_STARTED" | "COMPLETED";
  priority: TaskPriority;
  type: "TODO" | "CALL" | "EMAIL";
  ownerEmail: string | null;
};

/** HubSpot's meeting outcomes; the built-in CRM stores the same words. */
export type MeetingOutcome = "SCHEDULED" | "RESCHEDULED" | "CANCELED" | "COMPLETED" | "NO_SHOW";
export type MeetingFields = { title: string; startsAt: Date; endsAt: Date | null; outcome: MeetingOutcome; ownerEmail: string | null };

/** A meeting the booking webhooks recorded for the handoff (db/queries/meetings.ts). */
export type PlanMeeting = {
  provider: string;
  bookingId: string;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
  title: string | null;
  organizerName: string | null;
};

type Planned<K extends CrmKind, F> = {
  kind: K;
  /** Our idempotency key: the same person (email) or account (domain) is one record across handoffs. */
  key: string;
  /** `update_only`: change it if an earlier sync created it, never create it (a lost deal nobody opened). */
  mode: "upsert" | "update_only";
  /** One line for people: what the record is and why it is there. */
  label: string;
  why: string;
  fields: F;
};
export type PlannedRecord =
  | Planned<"contact", ContactFields>
  | Planned<"company", CompanyFields>
  | Planned<"deal", DealFields>
  | Planned<"ticket", TicketFields>
  | Planned<"note", NoteFields>
  | Planned<"task", TaskFields>
  | Planned<"meeting", MeetingFields>;

export type RecordRef = { kind: CrmKind; key: string };
export type PlannedAssociation = { from: RecordRef; to: RecordRef };
export type SyncPlan = { records: PlannedRecord[]; associations: PlannedAssociation[] };

export type PlanInput = {
  handoff: {
    id: string;
    decision: "ask" | "filter" | "act" | "escalate";
    priority: "immediate" | "normal" | "nurture" | null;
    status: "pending" | "accepted" | "in_follow_up" | "converted" | "discarded";
    leadId: string | null;
    companyId: string | null;
    slaDueAt: Date;
    createdAt: Date;
    closedAt: Date | null;
    valueAmount: number | null;
    valueCurrency: string | null;
    discardReason: string | null;
  };
  pkg: HandoffPackage;
  /** The company's stored domain (set only for business email domains). */
  companyDomain: string | null;
  ownerEmail: string | null;
  /** Where the package lives in the console, for the note. */
  packageUrl: string;
  /** Meetings booked through the booking links: each is a meeting record, linked to the contact and deal. */
  meetings?: PlanMeeting[];
};

const salesIntents = new Set(["diagnosis", "quote", "audit", "integration"]);
const reviewReasons = new Set(["risk", "offer_exception"]);

export function planSync(input: PlanInput): SyncPlan {
  const { handoff, pkg, ownerEmail } = input;
  const id = pkg.identification;
  const open = handoff.status === "pending" || handoff.status === "accepted" || handoff.status === "in_follow_up";
  const displayName = id.name ?? id.email ?? "Unknown lead";
  const records: PlannedRecord[] = [];

  const domain = input.companyDomain ?? normaliseDomain(id.website);
  const salesIntent = salesIntents.has(pkg.intent) || handoff.status === "converted";
  const company: PlannedRecord | null =
    id.company || domain
      ? {
          kind: "company",
          key: domain ? `domain:${domain}` : handoff.companyId ? `company:${handoff.companyId}` : `handoff:${handoff.id}`,
          mode: "upsert",
          label: id.company ?? domain!,
          why: domain ? `B2B context, one record per domain (${domain})` : "B2B context named by the lead",
          fields: { name: id.company ?? domain!, domain, employees: pkg.salesContext.employees, salesIntent },
        }
      : null;
  if (company) records.push(company);

  const qualified = handoff.decision === "escalate" && pkg.qualification.fit === "good" && salesIntents.has(pkg.intent);
  const converted = handoff.status === "converted";
  const dealWanted = converted || (qualified && handoff.status !== "discarded");
  const [firstName, ...rest] = (id.name ?? "").split(/\s+/).filter(Boolean);
  const email = id.email?.trim().toLowerCase() || null;
  const contact: PlannedRecord = {
    kind: "contact",
    key: email ? `email:${email}` : handoff.leadId ? `lead:${handoff.leadId}` : `handoff:${handoff.id}`,
    mode: "upsert",
    label: email ? `${displayName} <${email}>` : displayName,
    why: email ? "Identity, intent and source; one record per email" : "Identity, intent and source (no email: one record per lead)",
    fields: {
      email,
      firstName: firstName ?? null,
      lastName: rest.length ? rest.join(" ") : null,
      phone: id.phone,
      jobTitle: id.role,
      companyName: id.company,
      website: id.website,
      lifecycleStage: lifecycleStage(handoff, converted, dealWanted, pkg.qualification.fit === "good"),
      leadStatus: handoff.status === "discarded" ? "UNQUALIFIED" : converted ? "OPEN_DEAL" : handoff.status === "pending" ? "NEW" : "IN_PROGRESS",
      intent: pkg.intent,
      source: describeSource(pkg),
      ownerEmail,
      salesIntent,
      handoff: { priority: handoff.priority, status: handoff.status, reasons: pkg.reasons.map((r) => r.code), packageUrl: input.packageUrl },
    },
  };
  records.push(contact);

  let deal: PlannedRecord | null = null;
  if (dealWanted || (qualified && handoff.status === "discarded")) {
    const stage: DealStage = converted ? "won" : handoff.status === "discarded" ? "lost" : handoff.status === "in_follow_up" ? "in_progress" : "qualified";
    const budget = pkg.salesContext.budget;
    deal = {
      kind: "deal",
      key: `handoff:${handoff.id}`,
      mode: dealWanted ? "upsert" : "update_only",
      label: `${id.company ?? displayName} · ${pkg.intent}`,
      why: converted
        ? "Converted: the deal is won with its value"
        : dealWanted
          ? "Qualified: good fit and a sales intent"
          : "Discarded: the deal, if one was opened, is lost",
      fields: {
        name: `${id.company ?? displayName} · ${pkg.intent}`,
        stage,
        amount: converted ? handoff.valueAmount : (budget?.amount ?? null),
        currency: converted ? handoff.valueCurrency : (budget?.currency ?? null),
        closeDate: converted || handoff.status === "discarded" ? (handoff.closedAt ?? null) : null,
        ownerEmail,
      },
    };
    records.push(deal);
  }

  let ticket: PlannedRecord | null = null;
  const review = handoff.decision !== "filter" && (pkg.intent === "support" || pkg.reasons.some((r) => reviewReasons.has(r.code)));
  if (review) {
    ticket = {
      kind: "ticket",
      key: `handoff:${handoff.id}`,
      mode: "upsert",
      label: `${pkg.intent === "support" ? "Support" : "Pre-sales review"}: ${displayName}`,
      why: pkg.intent === "support" ? "A support request" : "A pre-sales review (risk or an offer exception)",
      fields: {
        subject: `${pkg.intent === "support" ? "Support" : "Pre-sales review"}: ${displayName}${id.company ? ` (${id.company})` : ""}`,
        content: [pkg.need, ...pkg.reasons.filter((r) => reviewReasons.has(r.code)).map((r) => r.evidence)].filter(Boolean).join("\n"),
        stage: open ? (handoff.status === "pending" ? "new" : "in_progress") : "closed",
        priority: taskPriority(handoff.priority),
        ownerEmail,
      },
    };
    records.push(ticket);
  }

  const note: PlannedRecord = {
    kind: "note",
    key: `handoff:${handoff.id}`,
    mode: "upsert",
    label: `Handoff package: ${displayName}`,
    why: "The package, for traceability (every handoff)",
    fields: { title: `Handoff package: ${displayName}`, sections: buildNoteSections(input), timestamp: handoff.createdAt, ownerEmail },
  };
  records.push(note);

  let task: PlannedRecord | null = null;
  if (handoff.decision === "escalate") {
    const action = pkg.nextStep.action;
    task = {
      kind: "task",
      key: `handoff:${handoff.id}`,
      mode: "upsert",
      label: `${capitalise(action.replace(/_/g, " "))} ${displayName}`,
      why: ownerEmail ? `For the owner (${ownerEmail}), due at the SLA` : "For the owner once assigned, due at the SLA",
      fields: {
        subject: `${capitalise(action.replace(/_/g, " "))} ${displayName}${id.company ? ` (${id.company})` : ""}`,
        // The questions still open (those the agent could not answer among them) are the owner's to answer.
        body: [
          pkg.nextStep.why,
          ...(pkg.facts.openQuestions.length ? ["Open questions:", ...pkg.facts.openQuestions.map((q) => `- ${q}`)] : []),
          input.packageUrl,
        ].join("\n"),
        dueAt: handoff.slaDueAt,
        status: open ? "NOT_STARTED" : "COMPLETED",
        priority: taskPriority(handoff.priority),
        type: action === "call" ? "CALL" : action === "email" ? "EMAIL" : "TODO",
        ownerEmail,
      },
    };
    records.push(task);
  }

  const meetings: PlannedRecord[] = (input.meetings ?? [])
    .filter((m) => m.startsAt)
    .map((m) => ({
      kind: "meeting" as const,
      key: `booking:${m.provider}:${m.bookingId}`,
      mode: "upsert" as const,
      label: `Meeting with ${displayName}`,
      why: `Booked by the lead through the booking link (${m.provider === "calcom" ? "Cal.com" : m.provider === "calendly" ? "Calendly" : m.provider})`,
      fields: {
        title: m.title ?? `Diagnosis call: ${displayName}${m.organizerName ? ` and ${m.organizerName}` : ""}`,
        startsAt: m.startsAt!,
        endsAt: m.endsAt,
        outcome: meetingOutcome(m.status),
        ownerEmail,
      },
    }));
  records.push(...meetings);

  const ref = (r: PlannedRecord): RecordRef => ({ kind: r.kind, key: r.key });
  const associations: PlannedAssociation[] = [];
  const link = (from: PlannedRecord | null, ...targets: (PlannedRecord | null)[]) => {
    if (!from) return;
    for (const to of targets) if (to) associations.push({ from: ref(from), to: ref(to) });
  };
  link(contact, company);
  link(deal, contact, company);
  link(ticket, contact, company);
  link(note, contact, company, deal, ticket);
  link(task, contact, company, deal);
  for (const meeting of meetings) link(meeting, contact, company, deal);
  return { records, associations };
}

/** `https://www.Acme.io/about` → `acme.io`; anything that is not a host name → null. */
export function normaliseDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  const host = website
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, "")
    .split(/[/?#:]/)[0]!
    .replace(/^www\./, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : null;
}

function lifecycleStage(handoff: PlanInput["handoff"], converted: boolean, dealWanted: boolean, goodFit: boolean): ContactFields["lifecycleStage"] {
  if (converted) return "customer";
  // A discarded lead keeps whatever stage it reached: the stage records how far it got.
  if (handoff.status === "discarded") return null;
  if (dealWanted) return "opportunity";
  return handoff.decision === "escalate" && goodFit ? "salesqualifiedlead" : "lead";
}

function describeSource(pkg: HandoffPackage): string {
  const s = pkg.source;
  return [s.channel.replace("_", " "), s.pageName ?? s.url, s.campaign ? `campaign ${s.campaign}` : null, s.receivedAt].filter(Boolean).join(" · ");
}

function meetingOutcome(status: string): MeetingOutcome {
  return status === "held"
    ? "COMPLETED"
    : status === "no_show"
      ? "NO_SHOW"
      : status === "cancelled"
        ? "CANCELED"
        : status === "rescheduled"
          ? "RESCHEDULED"
          : "SCHEDULED";
}

function taskPriority(priority: PlanInput["handoff"]["priority"]): TaskPriority {
  return priority === "immediate" ? "HIGH" : priority === "normal" ? "MEDIUM" : "LOW";
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
