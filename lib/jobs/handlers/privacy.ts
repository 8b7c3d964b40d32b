import { anonymiseExpiredRecords, readRetentionDays } from "@/db/queries/privacy";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { gdprDeleteContacts } from "@/lib/crm/hubspot/gdpr-delete";
import { env } from "@/lib/env";
import { defineJob, PermanentJobError } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** The HubSpot half of an erasure: a GDPR delete for each contact the erased lead had there. */
export const privacyCrmEraseJob = defineJob({
  queue: queues.privacyCrmErase.name,
  schema: queues.privacyCrmErase.schema,
  handle: async (data, ctx) => {
    const e = env();
    const { hubspot } = await loadConnectionSettings();
    const token = hubspot.accessToken ?? e.HUBSPOT_ACCESS_TOKEN;
    // Dead-lettered, not dropped: once an admin sets the token, a retry from /admin/jobs finishes the erasure.
    if (!token) throw new PermanentJobError("HubSpot has no access token (set it on /admin/connections): the contacts of an erased lead are still there.");
    const result = await gdprDeleteContacts(
      {
        baseUrl: hubspot.apiUrl,
        token,
        rateLimit: { max: e.HUBSPOT_RATE_LIMIT_MAX, windowMs: e.HUBSPOT_RATE_LIMIT_WINDOW_MS },
        timeoutMs: e.HUBSPOT_TIMEOUT_MS,
      },
      data.contactIds,
    );
    ctx.log.info("hubspot gdpr delete", result);
  },
});

/** The daily retention sweep (scheduled by the worker): old raw intakes and transcripts are anonymised. */
export const privacyRetentionJob = defineJob({
  queue: queues.privacyRetention.name,
  schema: queues.privacyRetention.schema,
  handle: async (data, ctx) => {
    const days = await readRetentionDays();
    const result = await anonymiseExpiredRecords({ days, now: data.at ? new Date(data.at) : ctx.now() });
    ctx.log.info("retention sweep", { days, ...result });
  },
});
