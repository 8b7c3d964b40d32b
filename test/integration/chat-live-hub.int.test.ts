import { describe, expect, it } from "vitest";
import type { LiveMessage } from "@/db/queries/chat-live";
import { LiveHub } from "@/lib/chat/live-hub";
import { liveMessageStream } from "@/lib/chat/live-stream";
import { parseSse } from "@/lib/chat/sse-parse";
import { waitFor } from "../support/wait-for";

// The fan-out and the stream apart from Postgres: a LISTEN that the test drives, and a conversation
// the test writes to. (chat-takeover.int.test.ts runs the same path on the real database.)
function fakeListen() {
  const handlers: { onMessage?: (id: string) => void; onListen?: () => void } = {};
  let listens = 0;
  const listen = async (h: { onMessage: (id: string) => void; onListen: () => void }) => {
    listens++;
    Object.assign(handlers, h);
    h.onListen();
    return { unlisten: async () => {} };
  };
  return { listen: listen as never, notify: (id: string) => handlers.onMessage?.(id), reconnect: () => handlers.onListen?.(), listens: () => listens };
}

const message = (id: string, at: number): LiveMessage => ({
  id,
  author: "lead",
  text: `line ${id}`,
  channel: null,
  sentAt: new Date(at),
  authorName: null,
  authorTeam: null,
});

function collect(stream: ReadableStream<Uint8Array>) {
  const ids: string[] = [];
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const done = (async () => {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      ids.push(...parsed.events.map((e) => (JSON.parse(e.data) as { id: string }).id));
    }
  })();
  return { ids, done };
}

describe("the live chat's fan-out (one LISTEN per process) and its streams", () => {
  it("wakes only the followers of the conversation, listens once, and re-reads everything after a reconnection", async () => {
    const pg = fakeListen();
    const hub = new LiveHub(pg.listen);
    const conversation: LiveMessage[] = [message("a", 1)];
    let reads = 0;
    const read = async () => {
      reads++;
      return [...conversation];
    };
    const one = new AbortController();
    const other = new AbortController();
    const a = collect(liveMessageStream({ conversationId: "c1", after: null, view: (m) => ({ id: m.id }), signal: one.signal, hub, read, resyncMs: 60_000 }));
    const b = collect(
      liveMessageStream({ conversationId: "c2", after: null, view: (m) => ({ id: m.id }), signal: other.signal, hub, read: async () => [], resyncMs: 60_000 }),
    );
    await waitFor("the history", () => a.ids.length === 1);
    expect(pg.listens()).toBe(1);
    expect(hub.size).toBe(2);

    conversation.push(message("b", 2));
    pg.notify("c1");
    await waitFor("the new line", () => a.ids.length === 2);
    // A line committed late (sent before the last one read) still arrives, once; a repeated wake-up adds nothing.
    conversation.splice(1, 0, message("late", 1.5));
    pg.notify("c1");
    pg.notify("c1");
    await waitFor("the late line", () => a.ids.includes("late"));
    conversation.push(message("c", 3));
    const before = reads;
    pg.reconnect();
    await waitFor("the line said while the connection was down", () => a.ids.includes("c"));
    expect(reads).toBeGreaterThan(before);
    expect(a.ids).toEqual(["a", "b", "late", "c"]);
    expect(b.ids).toEqual([]);

    one.abort();
    other.abort();
    await Promise.all([a.done, b.done]);
    expect(hub.size).toBe(0);
  });

  it("a snapshot sends what there is and ends; the cursor's own line is not sent again", async () => {
    const hub = new LiveHub(fakeListen().listen);
    const s = collect(
      liveMessageStream({
        conversationId: "c",
        after: "a",
        view: (m) => ({ id: m.id }),
        signal: new AbortController().signal,
        hub,
        read: async () => [message("a", 1), message("b", 2)],
        once: true,
      }),
    );
    await s.done;
    expect(s.ids).toEqual(["b"]);
  });
});
