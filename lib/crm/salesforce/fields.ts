import { noteHtml } from "@/lib/crm/note-html";
import type { CrmKind, DealStage, PlannedRecord, TaskPriority } from "@/lib/crm/plan-sync";

// Our plan in Salesforce's words: which sObject each planned record is, its field values, and the
// custom fields an org needs for Baton (created by an admin; the adapter checks for them).

/** Baton's external id on every object it upserts: a retry finds the record instead of making another. */
export const KEY_FIELD = "Baton_Key__c";

export type SObject = "Lead" | "Contact" | "Account" | "Opportunity" | "Task" | "Event" | "Case" | "ContentNote";

export type SalesforceSettings = {
  /** Opportunity stages (the org's StageName picklist values) for our four deal stages. */
  stages: Record<DealStage, string>;
  /** An open opportunity's close date: this many days from the sync. */
  closeDays: number;
  /** The org has multi-currency on: the amount's currency goes in CurrencyIsoCode. */
  multiCurrency: boolean;
};

export const defaultSalesforceSettings: SalesforceSettings = {
  stages: { qualified: "Qualification", in_progress: "Proposal/Price Quote", won: "Closed Won", lost: "Closed Lost" },
  closeDays: 30,
  multiCurrency: false,
};

/** Where a planned record goes; a contact without sales intent is a Lead (see ContactFields.salesIntent). */
export function sObjectOf(record: PlannedRecord): SObject {
  switch (record.kind) {
    case "contact":
      return record.fields.salesIntent ? "Contact" : "Lead";
    case "company":
      return "Account";
    case "deal":
      return "Opportunity";
    case "ticket":
      return "Case";
    case "note":
      return "ContentNote";
    case "task":
      return "Task";
    case "meeting":
      return "Event";
  }
}

/** The objects a kind may land in, for the preview and the field check. */
export const sObjectsOfKind: Record<CrmKind, SObject[]> = {
  contact: ["Lead", "Contact"],
  company: ["Account"],
  deal: ["Opportunity"],
  ticket: ["Case"],
  note: ["ContentNote"],
  task: ["Task"],
  meeting: ["Event"],
};

/** Id key prefixes: an id says what it is, so a Lead id never gets a Contact's lookups. */
const prefixes: Record<string, SObject> = {
  "00Q": "Lead",
  "003": "Contact",
  "001": "Account",
  "006": "Opportunity",
  "00T": "Task",
  "00U": "Event",
  "500": "Case",
  "069": "ContentNote",
};
export function sObjectOfId(id: string): SObject | null {
  return prefixes[id.slice(0, 3)] ?? null;
}

/** The custom fields Baton writes, per object: the admin creates them once (fieldHelp says how). */
export const requiredFields: { object: SObject; field: string; type: string }[] = [
  ...(["Lead", "Contact", "Account", "Opportunity", "Task", "Event", "Case"] as const).map((object) => ({
    object,
    field: KEY_FIELD,
    type: "Text(255), External ID, Unique",
  })),
  ...(["Lead", "Contact"] as const).flatMap((object) => [
    { object, field: "Baton_Priority__c", type: "Text(20)" },
    { object, field: "Baton_Reasons__c", type: "Text(255)" },
    { object, field: "Baton_Package_URL__c", type: "URL(255)" },
    { object, field: "Baton_Status__c", type: "Text(40)" },
  ]),
  { object: "Opportunity", field: "Baton_Status__c", type: "Text(40)" },
];

export function fieldHelp(missing: { object: string; field: string; type: string }[]): string {
  const list = missing.map((m) => `${m.object}.${m.field} (${m.type})`).join(", ");
  return `Salesforce is missing Baton's custom fields: ${list}. Create each in Setup → Object Manager → the object → Fields & Relationships → New, with exactly that API name and type, and give the integration's Run As user edit access to it; the sync retries on its own.`;
}

/** What Baton says about a note in its title: the key makes a note lost in a crash findable again. */
export function noteTitle(record: Extract<PlannedRecord, { kind: "note" }>): string {
  return `${record.fields.title} [Baton ${record.key}]`.slice(0, 255);
}

const leadStatuses = {
  NEW: "Open - Not Contacted",
  IN_PROGRESS: "Working - Contacted",
  OPEN_DEAL: "Working - Contacted",
  UNQUALIFIED: "Closed - Not Converted",
};
const taskPriorities: Record<TaskPriority, string> = { HIGH: "High", MEDIUM: "Normal", LOW: "Low" };
const casePriorities: Record<TaskPriority, string> = { HIGH: "High", MEDIUM: "Medium", LOW: "Low" };
const caseStatuses = { new: "New", in_progress: "Working", closed: "Closed" };

export type FieldContext = {
  settings: SalesforceSettings;
  /** The owner's User id by email, when the org has that user. */
  ownerId: string | null;
  /** The integration's Run As user: a task whose owner Salesforce does not know is theirs. */
  integrationUserId: string;
  now: Date;
};

/** A record's field values, without lookups (associate sets those); unknown values are left out. */
export function salesforceFields(record: PlannedRecord, ctx: FieldContext): Record<string, string | number | boolean> {
  const values: Record<string, string | number | boolean | null | undefined> = { [KEY_FIELD]: record.key };
  switch (record.kind) {
    case "contact": {
      const f = record.fields;
      const lastName = f.lastName ?? f.firstName ?? f.email ?? "Unknown";
      Object.assign(values, {
        Email: f.email,
        FirstName: f.lastName ? f.firstName : null,
        LastName: lastName,
        Phone: f.phone,
        Title: f.jobTitle,
        Description: `Intent: ${f.intent}. Source: ${f.source}`.slice(0, 32_000),
        OwnerId: ctx.ownerId,
        Baton_Priority__c: f.handoff.priority,
        Baton_Reasons__c: f.handoff.reasons.join(", ").slice(0, 255),
        Baton_Package_URL__c: f.handoff.packageUrl,
        Baton_Status__c: f.handoff.status,
      });
      if (!f.salesIntent)
        Object.assign(values, { Company: f.companyName ?? (f.website ? f.website : "[not provided]"), Website: f.website, Status: leadStatuses[f.leadStatus] });
      break;
    }
    case "company": {
      const f = record.fields;
      Object.assign(values, { Name: f.name, Website: f.domain, NumberOfEmployees: f.employees });
      break;
    }
    case "deal": {
      const f = record.fields;
      const close = f.closeDate ?? new Date(ctx.now.getTime() + ctx.settings.closeDays * 86_400_000);
      Object.assign(values, {
        Name: f.name.slice(0, 120),
        StageName: ctx.settings.stages[f.stage],
        CloseDate: close.toISOString().slice(0, 10),
        Amount: f.amount,
        OwnerId: ctx.ownerId,
        Baton_Status__c: f.stage === "won" && f.amount !== null ? `won: ${f.amount} ${f.currency ?? ""}`.trim() : f.stage,
        ...(ctx.settings.multiCurrency && f.currency ? { CurrencyIsoCode: f.currency } : {}),
      });
      break;
    }
    case "ticket": {
      const f = record.fields;
      Object.assign(values, {
        Subject: f.subject.slice(0, 255),
        Description: f.content,
        Status: caseStatuses[f.stage],
        Priority: casePriorities[f.priority],
        Origin: "Web",
      });
      break;
    }
    case "task": {
      const f = record.fields;
      // Nobody in Salesforce by that email: the integration user holds it, and the subject says whose it is.
      const forSomeoneElse = !ctx.ownerId && f.ownerEmail ? ` (for ${f.ownerEmail})` : "";
      Object.assign(values, {
        Subject: `${f.subject}${forSomeoneElse}`.slice(0, 255),
        Description: f.body,
        ActivityDate: f.dueAt.toISOString().slice(0, 10),
        ReminderDateTime: f.dueAt.toISOString(),
        IsReminderSet: f.status === "NOT_STARTED",
        Status: f.status === "COMPLETED" ? "Completed" : "Not Started",
        Priority: taskPriorities[f.priority],
        OwnerId: ctx.ownerId ?? ctx.integrationUserId,
      });
      break;
    }
    case "meeting": {
      const f = record.fields;
      Object.assign(values, {
        Subject: f.title.slice(0, 255),
        StartDateTime: f.startsAt.toISOString(),
        EndDateTime: (f.endsAt ?? new Date(f.startsAt.getTime() + 30 * 60_000)).toISOString(),
        OwnerId: ctx.ownerId ?? ctx.integrationUserId,
        Description: `Outcome: ${f.outcome}`,
      });
      break;
    }
    case "note": {
      delete values[KEY_FIELD];
      Object.assign(values, {
        Title: noteTitle(record),
        Content: Buffer.from(noteHtml(record.fields.title, record.fields.sections), "utf8").toString("base64"),
      });
      break;
    }
  }
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined));
}
