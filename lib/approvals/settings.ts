import { approvalLinkKey } from "@/lib/approvals/email-token";
import type { ExecuteDeps } from "@/lib/approvals/execute-approval";
import type { ApprovalNotifySettings } from "@/lib/approvals/notify-approval";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { notifySettingsFromEnv, type NotifySettings } from "@/lib/notifications/send-notifications";

/** The key for approval links, or null when neither APPROVAL_LINK_SECRET nor AUTH_SECRET is set (no links are sent then). */
export function linkKeyFromEnv(): Buffer | null {
  const e = env();
  return e.APPROVAL_LINK_SECRET || e.AUTH_SECRET ? approvalLinkKey({ linkSecret: e.APPROVAL_LINK_SECRET, authSecret: e.AUTH_SECRET }) : null;
}

export function approvalNotifySettings(base?: NotifySettings): ApprovalNotifySettings {
  return { ...(base ?? notifySettingsFromEnv()), linkKey: linkKeyFromEnv(), linkTtlHours: env().APPROVAL_LINK_TTL_HOURS };
}

export function executeDepsFromEnv(base?: NotifySettings): ExecuteDeps {
  const settings = base ?? notifySettingsFromEnv();
  return { smtp: settings.smtp, crm: configuredCrmAdapter, appUrl: settings.appUrl, log: logger.child({ component: "approvals" }) };
}
