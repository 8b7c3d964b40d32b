import type { EmailEngagement } from "@/lib/crm/email-engagement";
import { noteHtml } from "@/lib/crm/note-html";
import type { CrmKind, DealStage, PlannedRecord, TicketStage } from "@/lib/crm/plan-sync";

// Our plan in HubSpot's words: object types, property names and values, association type ids.

export const objectTypes: Record<CrmKind, string> = {
  contact: "contacts",
  company: "companies",
  deal: "deals",
  ticket: "tickets",
  note: "notes",
  task: "tasks",
  meeting: "meetings",
};

/** Record pages (app.hubspot.com/contacts/{portal}/record/{objectTypeId}/{id}); notes and tasks have none. */
export const objectTypeIds: Partial<Record<CrmKind, string>> = { contact: "0-1", company: "0-2", deal: "0-3", ticket: "0-5" };

/** Email engagements: not a planned record kind, one per email of the lead's thread. */
export const EMAILS = "emails";
/**
 * HUBSPOT_DEFINED email → contact (HubSpot's association type list; HUBSPOT.md's table has no email
 * row): sent inline with the create, so an email engagement is never left unlinked.
 */
export const EMAIL_TO_CONTACT_ASSOCIATION = 198;

/** Our sync key on every record we create, so a create lost in a crash is found again, not repeated. */
export const KEY_PROPERTY = "baton_key";

/** Custom properties Baton adds to the portal once (HubSpot rejects unknown properties with a 400). */
export const customProperties: { objectType: string; name: string; label: string; groupName: string }[] = [
  ...[...Object.values(objectTypes), EMAILS].map((objectType) => ({ objectType, name: KEY_PROPERTY, label: "Baton sync key", groupName: groupOf(objectType) })),
  { objectType: "contacts", name: "baton_intent", label: "Intent (Baton)", groupName: "contactinformation" },
  { objectType: "contacts", name: "baton_source", label: "Source (Baton)", groupName: "contactinformation" },
];

// The default sales pipeline's stage ids, and the default help desk pipeline ("0") with its stages.
export const DEAL_PIPELINE = "default";
const dealStages: Record<DealStage, string> = { qualified: "qualifiedtobuy", in_progress: "presentationscheduled", won: "closedwon", lost: "closedlost" };
export const TICKET_PIPELINE = "0";
const ticketStages: Record<TicketStage, string> = { new: "1", in_progress: "3", closed: "4" };

/**
 * HUBSPOT_DEFINED default association type ids, from → to. 202 (note→contact) and 279
 * (contact→company) are checked against HubSpot's docs; the rest follow HUBSPOT.md's table.
 */
export const associationTypeIds: Record<string, number> = {
  "contacts>companies": 279,
  "deals>contacts": 3,
  "deals>companies": 341,
  "tickets>contacts": 16,
  "tickets>companies": 339,
  "notes>contacts": 202,
  "notes>companies": 190,
  "notes>deals": 214,
  "notes>tickets": 228,
  "tasks>contacts": 204,
  "tasks>companies": 192,
  "tasks>deals": 216,
  // Meetings follow the same HUBSPOT_DEFINED table (verify against HubSpot's list): the v4 default
  // association Baton calls picks the id itself; the stand-in checks these.
  "meetings>contacts": 200,
  "meetings>companies": 188,
  "meetings>deals": 212,
};

export function hubspotProperties(record: PlannedRecord, ownerId: string | null): Record<string, string> {
  const props: Record<string, string | number | null | undefined> = { [KEY_PROPERTY]: record.key, hubspot_owner_id: ownerId };
  switch (record.kind) {
    case "contact": {
      const f = record.fields;
      Object.assign(props, {
        email: f.email,
        firstname: f.firstName,
        lastname: f.lastName,
        phone: f.phone,
        jobtitle: f.jobTitle,
        company: f.companyName,
        website: f.website,
        lifecyclestage: f.lifecycleStage,
        hs_lead_status: f.leadStatus,
        baton_intent: f.intent,
        baton_source: f.source,
      });
      break;
    }
    case "company": {
      const f = record.fields;
      delete props.hubspot_owner_id;
      Object.assign(props, { name: f.name, domain: f.domain, numberofemployees: f.employees });
      break;
    }
    case "deal": {
      const f = record.fields;
      // The amount is in the portal's company currency; a multi-currency portal would add deal_currency_code.
      Object.assign(props, {
        dealname: f.name,
        pipeline: DEAL_PIPELINE,
        dealstage: dealStages[f.stage],
        amount: f.amount,
        closedate: f.closeDate?.toISOString(),
      });
      break;
    }
    case "ticket": {
      const f = record.fields;
      Object.assign(props, {
        subject: f.subject,
        content: f.content,
        hs_pipeline: TICKET_PIPELINE,
        hs_pipeline_stage: ticketStages[f.stage],
        hs_ticket_priority: f.priority,
      });
      break;
    }
    case "note": {
      const f = record.fields;
      Object.assign(props, { hs_timestamp: f.timestamp.toISOString(), hs_note_body: noteHtml(f.title, f.sections) });
      break;
    }
    case "task": {
      const f = record.fields;
      Object.assign(props, {
        hs_timestamp: f.dueAt.toISOString(),
        hs_task_subject: f.subject,
        hs_task_body: f.body,
        hs_task_status: f.status,
        hs_task_priority: f.priority,
        hs_task_type: f.type,
      });
      break;
    }
    case "meeting": {
      const f = record.fields;
      Object.assign(props, {
        hs_timestamp: f.startsAt.toISOString(),
        hs_meeting_title: f.title,
        hs_meeting_start_time: f.startsAt.toISOString(),
        hs_meeting_end_time: f.endsAt?.toISOString(),
        hs_meeting_outcome: f.outcome,
      });
      break;
    }
  }
  // Unknown values are left out, never sent as empty strings that would erase what HubSpot has.
  return Object.fromEntries(
    Object.entries(props)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
}

function groupOf(objectType: string): string {
  return (
    { contacts: "contactinformation", companies: "companyinformation", deals: "dealinformation", tickets: "ticketinformation" }[objectType] ?? "engagement"
  );
}

/** An email engagement's properties (`POST /crm/v3/objects/emails`); the headers are HubSpot's JSON string. */
export function hubspotEmailProperties(email: EmailEngagement): Record<string, string> {
  const name = (p: { firstName: string | null; lastName: string | null }) => ({
    ...(p.firstName ? { firstName: p.firstName } : {}),
    ...(p.lastName ? { lastName: p.lastName } : {}),
  });
  return {
    [KEY_PROPERTY]: email.key,
    hs_timestamp: email.timestamp.toISOString(),
    hs_email_direction: email.direction,
    hs_email_status: "SENT",
    hs_email_subject: email.subject,
    hs_email_text: email.text,
    hs_email_headers: JSON.stringify({
      from: { email: email.from.email, ...name(email.from) },
      to: email.to.map((t) => ({ email: t.email })),
      cc: [],
      bcc: [],
    }),
  };
}
