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
};

/** Record pages (app.hubspot.com/contacts/{portal}/record/{objectTypeId}/{id}); notes and tasks have none. */
export const objectTypeIds: Partial<Record<CrmKind, string>> = { contact: "0-1", company: "0-2", deal: "0-3", ticket: "0-5" };

/** Our sync key on every record we create, so a create lost in a crash is found again, not repeated. */
export const KEY_PROPERTY = "baton_key";

/** Custom properties Baton adds to the portal once (HubSpot rejects unknown properties with a 400). */
export const customProperties: { objectType: string; name: string; label: string; groupName: string }[] = [
  ...Object.values(objectTypes).map((objectType) => ({ objectType, name: KEY_PROPERTY, label: "Baton sync key", groupName: groupOf(objectType) })),
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
      Object.assign(props, { dealname: f.name, pipeline: DEAL_PIPELINE, dealstage: dealStages[f.stage], amount: f.amount, closedate: f.closeDate?.toISOString() });
      break;
    }
    case "ticket": {
      const f = record.fields;
      Object.assign(props, { subject: f.subject, content: f.content, hs_pipeline: TICKET_PIPELINE, hs_pipeline_stage: ticketStages[f.stage], hs_ticket_priority: f.priority });
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
  }
  // Unknown values are left out, never sent as empty strings that would erase what HubSpot has.
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, String(v)]));
}

function groupOf(objectType: string): string {
  return { contacts: "contactinformation", companies: "companyinformation", deals: "dealinformation", tickets: "ticketinformation" }[objectType] ?? "engagement";
}
