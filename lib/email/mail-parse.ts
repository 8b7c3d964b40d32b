import { readEmail } from "@/lib/email/intake-event";
import { parseEmail } from "@/lib/email/parse";

/** One line of `npm run mail:parse`: what Baton reads from one .eml file, with no database. */
export async function mailParseLine(file: string, raw: Uint8Array, receivedAt = new Date()): Promise<Record<string, unknown>> {
  const read = readEmail(await parseEmail(raw), { receivedAt });
  const { email } = read;
  return {
    file,
    kind: read.kind,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    from: { name: email.from.name || null, email: email.from.email },
    subject: email.subject,
    text: read.words.text,
    event: read.event,
  };
}
