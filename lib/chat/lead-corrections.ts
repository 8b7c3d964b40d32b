import { findConversationHandoff, listLeadCorrections, saveLeadCorrection } from "@/db/queries/chat-live";
import { countRequest } from "@/db/queries/intake";
import { listConversationMessages } from "@/db/queries/leads";
import { detectLanguage } from "@/lib/agent/need";
import { chatConversationId } from "@/lib/chat/conversation-id";
import {
  applyLeadCorrection,
  leadCorrectionSchema,
  leadReceipt,
  leadReceiptRequestSchema,
  receiptFields,
  type ReceiptField,
  type ReceiptLine,
} from "@/lib/chat/lead-receipt";
import { handoffPackageSchema, type HandoffPackage } from "@/lib/contract/package";
import { maskText } from "@/lib/privacy/mask-text";

/** A widget reads its receipt after a handover and after each correction: far below this. */
const PER_MINUTE = 30;
const ATTEMPTS = 3;

export type ReceiptResult = { ok: true; lines: ReceiptLine[] } | { ok: false; status: 400 | 409 | 429; message: string };

/** What the person taking over will know, for the lead's widget: empty until the chat has a package. */
export async function chatReceipt(body: unknown): Promise<ReceiptResult> {
  const parsed = leadReceiptRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Bad request." };
  const conversationId = chatConversationId(parsed.data.sessionId);
  if (await overLimit(conversationId)) return { ok: false, status: 429, message: "Too many requests." };
  const handoff = await findConversationHandoff({ conversationId });
  if (!handoff) return { ok: true, lines: [] };
  return { ok: true, lines: leadReceipt(handoffPackageSchema.parse(handoff.package), await languageOf(conversationId)) };
}

/**
 * The lead corrects one line in one click: the value (masked like anything the lead writes) becomes a
 * confirmed fact on the package, on the timeline; the receipt comes back as it now reads.
 */
export async function correctChatReceipt(body: unknown): Promise<ReceiptResult> {
  const parsed = leadCorrectionSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Bad request." };
  const conversationId = chatConversationId(parsed.data.sessionId);
  if (await overLimit(conversationId)) return { ok: false, status: 429, message: "Too many requests." };
  const value = maskText(parsed.data.value).value;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const handoff = await findConversationHandoff({ conversationId });
    if (!handoff) return { ok: false, status: 409, message: "There is nothing to correct yet: tell the assistant first." };
    const corrected = applyLeadCorrection(handoffPackageSchema.parse(handoff.package), parsed.data.field, value);
    const saved = await saveLeadCorrection({
      handoffId: handoff.id,
      expectedVersion: handoff.version,
      pkg: corrected.pkg,
      field: parsed.data.field,
      before: corrected.before,
      after: value,
    });
    if (saved) return { ok: true, lines: leadReceipt(corrected.pkg, await languageOf(conversationId)) };
  }
  return { ok: false, status: 409, message: "Your details changed a moment ago. Please try the correction again." };
}

/** A later turn rebuilds the package from the transcript: the lead's own corrections still win. */
export async function withLeadCorrections(handoffId: string, pkg: HandoffPackage): Promise<HandoffPackage> {
  let current = pkg;
  for (const c of await listLeadCorrections({ handoffId })) {
    if ((receiptFields as readonly string[]).includes(c.field)) current = applyLeadCorrection(current, c.field as ReceiptField, c.after).pkg;
  }
  return current;
}

async function languageOf(conversationId: string) {
  const lines = await listConversationMessages({ conversationId });
  return detectLanguage(
    lines
      .filter((m) => m.author === "lead")
      .map((m) => m.text)
      .join("\n"),
  );
}

async function overLimit(conversationId: string) {
  const window = await countRequest({ key: `chat:receipt:${conversationId}`, windowSeconds: 60 });
  return window!.count > PER_MINUTE;
}
