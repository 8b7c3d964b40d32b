import type { ApprovalRequest } from "@/db/schema";
import { actionLabels } from "@/lib/approvals/action-params";
import { approvalChangeInWords } from "@/lib/approvals/change-in-words";
import { currentConsequence } from "@/lib/approvals/consequence";
import type { EmailMessage } from "@/lib/notifications/email-message";
import type { SlackMessage } from "@/lib/notifications/slack-message";

export type ApprovalNotice = {
  approval: Pick<ApprovalRequest, "id" | "actionType" | "params" | "consequence" | "reason" | "expiresAt">;
  lead: string;
  packageUrl: string;
};

export const SLACK_APPROVE = "approval.approve";
export const SLACK_DENY = "approval.deny";

/** "Send an email · Ines Marsh, Harbourline" */
export function approvalTitle(notice: ApprovalNotice): string {
  return `Approval needed: ${actionLabels[notice.approval.actionType] ?? notice.approval.actionType.replace(/_/g, " ")} · ${notice.lead}`;
}

/** What the request changes, a sentence a line, as every message and screen says it (`approvalChangeInWords`). */
export function paramLines(approval: Pick<ApprovalNotice["approval"], "actionType" | "params">): string[] {
  return approvalChangeInWords(approval.actionType, approval.params);
}

/** Block Kit: what, with which parameters, what it causes and why, then Approve / Deny and a link to the package. */
export function approvalSlackMessage(notice: ApprovalNotice): SlackMessage {
  const { approval } = notice;
  return {
    text: approvalTitle(notice),
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(approvalTitle(notice), 150), emoji: true } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: truncate(
            `*What happens:* ${escape(currentConsequence(approval))}${approval.reason ? `\n*Why the agent wants it:* ${escape(approval.reason)}` : ""}`,
            3000,
          ),
        },
      },
      { type: "section", text: { type: "mrkdwn", text: truncate("```" + paramLines(approval).join("\n").replace(/```/g, "'''") + "```", 3000) } },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: `Expires ${approval.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC · <${notice.packageUrl}|Open the package>` },
        ],
      },
      {
        type: "actions",
        block_id: `approval:${approval.id}`,
        elements: [
          { type: "button", text: { type: "plain_text", text: "Approve" }, style: "primary", action_id: SLACK_APPROVE, value: approval.id },
          { type: "button", text: { type: "plain_text", text: "Deny" }, style: "danger", action_id: SLACK_DENY, value: approval.id },
        ],
      },
    ],
  };
}

/** The message that replaces the buttons once the request is decided (or could not be). */
export function decidedSlackMessage(notice: ApprovalNotice, outcome: string): SlackMessage {
  return {
    text: `${approvalTitle(notice)}: ${outcome}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(approvalTitle(notice), 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: truncate(escape(currentConsequence(notice.approval)), 3000) } },
      { type: "context", elements: [{ type: "mrkdwn", text: `${escape(outcome)} · <${notice.packageUrl}|Open the package>` }] },
    ],
  };
}

/** The email: the same content, with one-click links that open a confirmation page (only its button decides). */
export function approvalEmail(notice: ApprovalNotice, links: { approve: string; deny: string }, recipientName: string | null): EmailMessage {
  const { approval } = notice;
  const title = approvalTitle(notice);
  const params = paramLines(approval);
  const text = [
    recipientName ? `Hi ${recipientName},` : "Hi,",
    "",
    `The agent wants to: ${actionLabels[approval.actionType] ?? approval.actionType} for ${notice.lead}.`,
    `What happens: ${currentConsequence(approval)}`,
    ...(approval.reason ? [`Why: ${approval.reason}`] : []),
    "",
    ...params,
    "",
    `Approve: ${links.approve}`,
    `Deny: ${links.deny}`,
    "",
    `Each link opens a page where you confirm; it works once and expires. The package: ${notice.packageUrl}`,
  ].join("\n");
  const button = (href: string, label: string, color: string) =>
    `<a href="${esc(href)}" style="display:inline-block;background:${color};color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none;margin-right:8px">${label}</a>`;
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">
<h2 style="font-size:18px;margin:0 0 8px">${esc(title)}</h2>
<p style="margin:0 0 8px"><strong>What happens:</strong> ${esc(currentConsequence(approval))}</p>
${approval.reason ? `<p style="margin:0 0 8px"><strong>Why:</strong> ${esc(approval.reason)}</p>` : ""}
<pre style="white-space:pre-wrap;background:#f1f5f9;padding:8px;border-radius:6px;font-size:13px">${esc(params.join("\n"))}</pre>
<p>${button(links.approve, "Approve", "#047857")}${button(links.deny, "Deny", "#b91c1c")}</p>
<p style="color:#475569;font-size:13px">Each link opens a page where you confirm; it works once and expires. <a href="${esc(notice.packageUrl)}">Open the package</a></p>
</body></html>`;
  return { subject: `[Baton] ${title}`, text, html };
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}
