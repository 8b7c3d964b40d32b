import { metricFunnel, metricTotals, ruleQuality } from "@/db/queries/metrics";
import { findRecipients } from "@/db/queries/notifications";
import { claimReportDelivery, deliverReportInApp, markReportDelivery } from "@/db/queries/reports";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { metricsSearch } from "@/lib/metrics/params";
import { composeWeeklySummary, summaryWeeks } from "@/lib/metrics/weekly-summary";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";
import { loadNotifySettings, type NotifySettings } from "@/lib/notifications/send-notifications";

const REPORT = "weekly_summary";

/**
 * The Monday summary for every active manager and admin, by email and in the app as each prefers.
 * One report_deliveries row per (week, channel, person) makes a retried or re-run job send nothing
 * twice; a failed email fails the job so pg-boss retries it with backoff.
 */
export function weeklySummaryJob(settings?: NotifySettings) {
  return defineJob({
    queue: queues.weeklySummary.name,
    schema: queues.weeklySummary.schema,
    handle: async (data, ctx) => {
      const config = settings ?? (await loadNotifySettings());
      const now = ctx.now();
      const { week, previous } = summaryWeeks(now, data.weekStarting);
      // Only what the email shows: not the whole dashboard's breakdown, trend and tables.
      const [totals, before, funnel, rules] = await Promise.all([
        metricTotals({ range: week, now }),
        metricTotals({ range: previous, now }),
        metricFunnel({ range: week }),
        ruleQuality({ range: week }),
      ]);
      const params = { range: week, by: "team" as const, every: "day" as const };
      const email = composeWeeklySummary({
        range: week,
        totals,
        previous: before,
        funnel,
        rules,
        dashboardUrl: new URL(`/metrics?${metricsSearch(params)}`, config.appUrl).toString(),
      });

      const failures: string[] = [];
      for (const person of await findRecipients({ teamId: null, roles: ["manager", "admin"] })) {
        if (person.inApp) await deliverReportInApp({ report: REPORT, period: week.from, recipientId: person.id, title: email.subject, body: email.text });
        if (!person.emailOn || !config.smtp) continue;
        const claim = await claimReportDelivery({ report: REPORT, period: week.from, channel: "email", recipientId: person.id, target: person.email });
        if (!claim) continue;
        try {
          const sent = await sendEmail({
            smtpUrl: config.smtp.url,
            from: config.smtp.from,
            to: person.email,
            message: email,
            messageId: messageIdFor(`${REPORT}.${week.from}.${person.id}`, config.smtp.from),
          });
          await markReportDelivery({ id: claim.id, providerRef: sent.ref });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await markReportDelivery({ id: claim.id, error: message });
          if (!(error instanceof DeliveryError) || !error.permanent) failures.push(`${person.email}: ${message}`);
        }
      }
      ctx.log.info("weekly summary sent", { week: week.from, failures: failures.length });
      if (failures.length > 0) throw new Error(`Weekly summary not delivered to ${failures.join("; ")}`);
    },
  });
}
