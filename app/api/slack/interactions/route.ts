import { after } from "next/server";
import { handleSlackInteraction } from "@/lib/approvals/handle-slack-interaction";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { loadNotifySettings } from "@/lib/notifications/send-notifications";

// Authenticated by Slack's request signature (SLACK_SIGNING_SECRET) inside the handler: no session here.
// Slack's settings as saved on /admin/connections, else the environment.
export async function POST(request: Request) {
  const settings = await loadNotifySettings();
  return handleSlackInteraction(request, {
    signingSecret: env().SLACK_SIGNING_SECRET,
    slack: settings.slack,
    appUrl: settings.appUrl,
    log: logger.child({ route: "POST /api/slack/interactions" }),
    defer: (work) => after(work),
  });
}
