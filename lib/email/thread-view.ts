import type { loadEmailThread } from "@/db/queries/mailbox";

type Loaded = NonNullable<Awaited<ReturnType<typeof loadEmailThread>>>;

export type ThreadItemView = {
  key: string;
  at: Date;
  author: "lead" | "agent" | "human" | "system";
  who: string;
  text: string;
  subject: string | null;
  quoted: string;
  kind: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  detail: string | null;
  attachments: { filename: string | null; mimeType: string; size: number }[];
};

/** The thread as the package page shows it (pure): each message with its email's metadata, and the logged automated mail, in time order. */
export function threadItems(loaded: Loaded, leadName: string | null): ThreadItemView[] {
  const byRow = new Map(loaded.emails.filter((e) => e.messageRowId).map((e) => [e.messageRowId!, e]));
  const items: ThreadItemView[] = loaded.lines.map((line) => {
    const email = byRow.get(line.id);
    const who =
      line.author === "lead"
        ? (email?.fromName ?? leadName ?? email?.fromAddress ?? "Lead")
        : line.author === "human"
          ? (line.authorName ?? email?.fromName ?? "Rep")
          : (email?.fromName ?? "Agent");
    return {
      key: line.id,
      at: line.sentAt,
      author: line.author,
      who,
      // The first message of a thread carries its subject as a line for triage: shown once, above.
      text:
        email?.subject && line.text.startsWith(`Subject: ${email.subject}\n`) ? line.text.slice(`Subject: ${email.subject}\n`.length).trimStart() : line.text,
      subject: email?.subject ?? null,
      quoted: email?.direction === "inbound" ? email.quoted : "",
      kind: email?.kind ?? null,
      deliveryStatus: email?.deliveryStatus ?? null,
      deliveryError: email?.deliveryError ?? null,
      detail: null,
      attachments: email?.attachments ?? [],
    };
  });
  for (const email of loaded.emails) {
    if (email.messageRowId) continue;
    items.push({
      key: email.id,
      at: email.createdAt,
      author: "system",
      who: email.fromName ? `${email.fromName} <${email.fromAddress}>` : email.fromAddress,
      text: email.kind === "bounce" ? `Delivery failed: ${email.detail ?? "bounced"}` : email.subject || "(automated message)",
      subject: email.kind === "bounce" ? email.subject : null,
      quoted: email.quoted,
      kind: email.kind,
      deliveryStatus: null,
      deliveryError: null,
      detail: email.kind === "automated" ? `Automated (${email.detail ?? "auto-reply"}): logged, never answered.` : null,
      attachments: [],
    });
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
