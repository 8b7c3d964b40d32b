import type { Notice } from "@/lib/notifications/notice";

export type EmailMessage = { subject: string; text: string; html: string };

/** The email: the same content as Slack, as plain text and as simple HTML, with the link to the package. */
export function emailMessage(notice: Notice, recipientName: string | null): EmailMessage {
  const greeting = recipientName ? `Hi ${recipientName},` : "Hi,";
  const text = [
    greeting,
    "",
    notice.title,
    `Priority: ${notice.priorityLabel}. ${notice.ask}`,
    "",
    ...notice.summary,
    "",
    "Reasons:",
    ...notice.reasons.map((r) => `- ${r}`),
    "",
    `Next step: ${notice.nextStep}`,
    "",
    `Open the package: ${notice.url}`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px">
<p>${esc(greeting)}</p>
<h2 style="font-size:18px;margin:0 0 4px">${esc(notice.title)}</h2>
<p style="margin:0 0 12px;color:#475569"><strong>${esc(notice.priorityLabel)}</strong> · ${esc(notice.ask)}</p>
<p style="margin:0 0 12px">${notice.summary.map(esc).join("<br>")}</p>
<p style="margin:0"><strong>Reasons</strong></p>
<ul>${notice.reasons.map((r) => `<li>${esc(r)}</li>`).join("")}</ul>
<p><strong>Next step:</strong> ${esc(notice.nextStep)}</p>
<p><a href="${esc(notice.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open the package</a></p>
</body></html>`;
  return { subject: `[Baton] ${notice.title}`, text, html };
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
