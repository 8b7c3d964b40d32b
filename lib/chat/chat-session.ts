import { newSessionId } from "@/lib/chat/new-session-id";

/** How long a quiet chat is kept for the visitor: a lead who comes back within it continues the same conversation. */
export const CHAT_SESSION_DAYS = 30;

const KEY = "baton.chat.session";

type Stored = { id: string; expiresAt: number };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The visitor's chat session: kept in this site's storage so a reload or the next page continues the
 * conversation (and its package) instead of starting a second one; renewed on every use, forgotten
 * after CHAT_SESSION_DAYS of silence. Where storage is blocked, the session lives as long as the page.
 */
export function loadChatSession(storage: Pick<Storage, "getItem" | "setItem"> | null, now = Date.now()): string {
  const stored = read(storage);
  const id = stored && stored.expiresAt > now ? stored.id : newSessionId();
  renewChatSession(storage, id, now);
  return id;
}

export function renewChatSession(storage: Pick<Storage, "getItem" | "setItem"> | null, id: string, now = Date.now()) {
  try {
    storage?.setItem(KEY, JSON.stringify({ id, expiresAt: now + CHAT_SESSION_DAYS * 86_400_000 } satisfies Stored));
  } catch {
    // Storage full or blocked: the session still works for this page.
  }
}

function read(storage: Pick<Storage, "getItem"> | null): Stored | null {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? "null");
    if (!value || typeof value !== "object") return null;
    const { id, expiresAt } = value as Partial<Stored>;
    return typeof id === "string" && uuid.test(id) && typeof expiresAt === "number" ? { id, expiresAt } : null;
  } catch {
    return null;
  }
}
