import type { Notice } from "@/lib/notifications/notice";

type Block = Record<string, unknown>;
export type SlackMessage = { text: string; blocks: Block[] };

const priorityEmoji = { immediate: ":red_circle:", normal: ":large_yellow_circle:", nurture: ":white_circle:" } as const;

/** Block Kit: priority, the 5-8 line summary, the reasons, the next step, and a button to the package. */
export function slackMessage(notice: Notice, recipientName: string | null): SlackMessage {
  const emoji = notice.priority ? priorityEmoji[notice.priority] : ":white_circle:";
  const mention = recipientName ? `For ${recipientName}: ` : "";
  return {
    // The fallback text: notifications and screen readers show it.
    text: `${mention}${notice.title}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(notice.title, 150), emoji: true } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: `${emoji} *${notice.priorityLabel}*${recipientName ? ` · for ${escape(recipientName)}` : ""} · ${escape(notice.ask)}` },
        ],
      },
      { type: "section", text: { type: "mrkdwn", text: truncate(notice.summary.map(escape).join("\n"), 3000) } },
      {
        type: "section",
        fields: [
          { type: "mrkdwn", text: `*Reasons*\n${truncate(notice.reasons.map((r) => `• ${escape(r)}`).join("\n") || "—", 1900)}` },
          { type: "mrkdwn", text: `*Next step*\n${truncate(escape(notice.nextStep), 1900)}` },
        ],
      },
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Open the package" }, style: "primary", url: notice.url, action_id: "package.open" }],
      },
    ],
  };
}

// Slack mrkdwn treats &, < and > as control characters.
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}
