import { z } from "zod";
import { getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { canViewHandoff } from "@/lib/handoffs/access";
import { consoleLine } from "@/lib/chat/lead-view";
import { liveMessageStream } from "@/lib/chat/live-stream";

const params = z.object({
  id: z.uuid({ error: "That package id is not valid." }),
  after: z.uuid({ error: "after must be the id of a message of this conversation" }).nullable(),
});

/** The package page's live conversation, for anyone who may see the package (writing is checked apart). */
export async function openConsoleStream(options: { actor: Actor; id: string; after: string | null; once: boolean; signal: AbortSignal }) {
  const parsed = params.safeParse({ id: options.id, after: options.after });
  if (!parsed.success) throw new UserError("bad_request", parsed.error.issues[0]?.message ?? "Bad request.");
  const found = await getHandoff({ id: parsed.data.id });
  if (!found || !canViewHandoff(options.actor, found.handoff))
    throw new UserError("not_found", "That package does not exist (or is outside your team's queue).");
  // A package that came by form or email has no conversation: its stream is empty and ends at once.
  const conversationId = found.handoff.conversationId;
  if (!conversationId) return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  return liveMessageStream({ conversationId, after: parsed.data.after, view: consoleLine, signal: options.signal, once: options.once });
}
