import { describe, expect, it } from "vitest";
import { CHAT_SESSION_DAYS, loadChatSession } from "@/lib/chat/chat-session";

function memory() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("the chat session kept across reloads", () => {
  it("returns the same session on the next load, renewing it", () => {
    const storage = memory();
    const first = loadChatSession(storage, 1_000);
    expect(loadChatSession(storage, 2_000)).toBe(first);
    expect(JSON.parse(storage.data.get("baton.chat.session")!)).toEqual({ id: first, expiresAt: 2_000 + CHAT_SESSION_DAYS * 86_400_000 });
  });

  it("starts a new one after the expiry, or when what is stored is not a session", () => {
    const storage = memory();
    const first = loadChatSession(storage, 0);
    expect(loadChatSession(storage, CHAT_SESSION_DAYS * 86_400_000 + 1)).not.toBe(first);
    storage.data.set("baton.chat.session", '{"id":"not-a-uuid","expiresAt":99999999999999}');
    expect(loadChatSession(storage, 0)).toMatch(/^[0-9a-f-]{36}$/);
    storage.data.set("baton.chat.session", "{broken");
    expect(loadChatSession(storage, 0)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("works for the page when storage is blocked", () => {
    const blocked = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(loadChatSession(blocked)).toMatch(/^[0-9a-f-]{36}$/);
    expect(loadChatSession(null)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
