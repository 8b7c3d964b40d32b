"use server";

import { z } from "zod";
import { recordAuditEntry } from "@/db/queries/audit";
import { eraseLeadData, exportLeadData, saveRetentionDays } from "@/db/queries/privacy";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";

const roles = rolesFor("admin.manage");
const email = z.email("must be an email address").max(320, "must be at most 320 characters");

/** Everything Baton holds for an email address, as one JSON file (GDPR article 15). */
export const exportLeadDataAction = defineAction({
  name: "admin.privacy.export",
  roles,
  schema: z.object({ email }),
  handler: async ({ actor, input }) => {
    const data = await exportLeadData({ email: input.email });
    // Which address was exported is personal data too: the audit entry says only that and how much.
    await recordAuditEntry({
      actor,
      action: "privacy.export",
      entityType: "personal data",
      after: { leads: data.leads.length, handoffs: data.handoffs.length, intakes: data.intakes.length },
    });
    const exportedAt = new Date().toISOString();
    return {
      fileName: `baton-personal-data-${exportedAt.slice(0, 10)}.json`,
      json: JSON.stringify({ email: input.email.toLowerCase(), exportedAt, ...data }, null, 2),
    };
  },
});

/** Erases an email address's personal data (GDPR article 17); the metrics keep their counts. */
export const eraseLeadDataAction = defineAction({
  name: "admin.privacy.erase",
  roles,
  schema: z.object({ email }),
  handler: async ({ actor, input }) => eraseLeadData({ email: input.email, actor }),
});

export const saveRetentionAction = defineAction({
  name: "admin.privacy.retention",
  roles,
  schema: z.object({
    retentionDays: z.coerce
      .number({ error: "must be a number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(3650, "must be at most 3650 days (10 years)"),
  }),
  handler: async ({ actor, input }) => {
    await saveRetentionDays({ days: input.retentionDays, actor });
    return { retentionDays: input.retentionDays };
  },
});
