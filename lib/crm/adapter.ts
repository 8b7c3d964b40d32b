import type { EmailEngagement } from "@/lib/crm/email-engagement";
import type { CrmKind, PlannedRecord } from "@/lib/crm/plan-sync";

// One interface for every CRM. The sync engine (sync-handoffs.ts) owns idempotency through the
// stored mappings; an adapter only has to create-or-update what it is given and link records.

export type UpsertInput = {
  record: PlannedRecord;
  /** The CRM's id from our mapping: update it. Null: create it (or find it, see `maybeCreated`). */
  crmId: string | null;
  /** An earlier attempt reserved this key but never stored an id: it may exist in the CRM already. */
  maybeCreated: boolean;
};

export type UpsertedRecord = { key: string; crmId: string; url: string | null };

/** An email to log once, on the contact's CRM id; `maybeCreated` as for UpsertInput. */
export type EmailEngagementInput = { email: EmailEngagement; contactId: string; maybeCreated: boolean };

export type CrmAssociation = { fromKind: CrmKind; fromId: string; toKind: CrmKind; toId: string };

export interface CrmAdapter {
  /** Stored with each mapping: `builtin` or `hubspot`. */
  readonly name: string;
  /** The account the ids belong to (a HubSpot portal id; `local` for the built-in CRM). */
  portal(): Promise<string>;
  /** Creates or updates records of one kind, all inputs at once where the CRM allows it. */
  upsert(kind: CrmKind, inputs: UpsertInput[]): Promise<UpsertedRecord[]>;
  /** Links records; linking a pair that is already linked changes nothing. */
  associate(pairs: CrmAssociation[]): Promise<void>;
  /**
   * Logs each email as the CRM's email activity, linked to the contact; returns the ids by key. Absent:
   * the CRM has no such activity (the built-in CRM writes its note with the email itself).
   */
  logEmails?(inputs: EmailEngagementInput[]): Promise<UpsertedRecord[]>;
  /** Where a person opens the record (null: it is shown on the records it is linked to). */
  recordUrl(kind: CrmKind, crmId: string, portal: string): string | null;
}
