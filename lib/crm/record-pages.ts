import type { CrmKind } from "@/lib/crm/plan-sync";

// The built-in CRM's four record pages: URL segment ↔ record kind, and their labels.
export const recordPages = {
  contacts: { kind: "contact", title: "Contacts", singular: "Contact" },
  companies: { kind: "company", title: "Companies", singular: "Company" },
  deals: { kind: "deal", title: "Deals", singular: "Deal" },
  tickets: { kind: "ticket", title: "Tickets", singular: "Ticket" },
} as const satisfies Record<string, { kind: CrmKind; title: string; singular: string }>;

export type RecordPage = keyof typeof recordPages;

export function recordPage(segment: string): RecordPage | null {
  return Object.hasOwn(recordPages, segment) ? (segment as RecordPage) : null;
}

export const pageOfKind = { contact: "contacts", company: "companies", deal: "deals", ticket: "tickets" } as const;

export const dealStageLabels: Record<string, string> = { qualified: "Qualified", in_progress: "In progress", won: "Won", lost: "Lost" };
export const ticketStageLabels: Record<string, string> = { new: "New", in_progress: "In progress", closed: "Closed" };
export const leadStatusLabels: Record<string, string> = { NEW: "New", IN_PROGRESS: "In progress", OPEN_DEAL: "Open deal", UNQUALIFIED: "Unqualified" };
