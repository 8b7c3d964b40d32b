import { insertBuiltinAssociations, upsertBuiltinRecords } from "@/db/queries/crm-builtin";
import type { CrmAdapter } from "@/lib/crm/adapter";
import type { CrmKind } from "@/lib/crm/plan-sync";

// Notes and tasks have no page of their own: they are shown on the records they are linked to.
const pagePaths: Partial<Record<CrmKind, string>> = {
  contact: "/crm/contacts",
  company: "/crm/companies",
  deal: "/crm/deals",
  ticket: "/crm/tickets",
};

/** The default CRM: records in our own database, upserted on the sync key, shown under /crm. */
export function createBuiltinAdapter(): CrmAdapter {
  return {
    name: "builtin",
    portal: async () => "local",
    async upsert(kind, inputs) {
      const rows = await upsertBuiltinRecords(
        kind,
        inputs.map((i) => i.record),
      );
      return rows.map((row) => ({ key: row.key, crmId: row.id, url: recordUrl(kind, row.id) }));
    },
    associate: (pairs) => insertBuiltinAssociations(pairs),
    recordUrl: (kind, crmId) => recordUrl(kind, crmId),
  };
}

function recordUrl(kind: CrmKind, id: string): string | null {
  const path = pagePaths[kind];
  return path ? `${path}/${id}` : null;
}
