"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LeadLine } from "@/lib/chat/lead-view";
import { parseSse } from "@/lib/chat/sse-parse";

/** While the event stream is down, the widget asks this often instead (the polling fallback). */
const POLL_MS = 3000;
const MAX_BACKOFF_MS = 10_000;

/**
 * The lead's conversation as the server has it, kept live: an event stream (POST /api/chat/stream,
 * fed by Postgres LISTEN/NOTIFY) that reconnects with its cursor, and polling (/api/chat/updates)
 * while it cannot. Lines are merged by id and kept in send order, so a line that comes twice
 * (stream and poll, or a reconnection's overlap) shows once.
 */
export function useLeadConversation(sessionId: string | null) {
  const [lines, setLines] = useState<LeadLine[]>([]);
  const [live, setLive] = useState(false);
  const lastId = useRef<string | null>(null);

  const merge = useCallback((incoming: LeadLine[]) => {
    if (!incoming.length) return;
    setLines((current) => {
      const byId = new Map(current.map((l) => [l.id, l]));
      for (const line of incoming) byId.set(line.id, line);
      const next = [...byId.values()].sort((a, b) => (a.sentAt === b.sentAt ? (a.id < b.id ? -1 : 1) : a.sentAt < b.sentAt ? -1 : 1));
      lastId.current = next.at(-1)?.id ?? null;
      return next;
    });
  }, []);

  /** Reads what the stream may not have brought yet (after a turn, and while polling). */
  const refresh = useCallback(async () => {
    if (!sessionId) return;
    const response = await fetch("/api/chat/updates", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId, after: lastId.current }),
    }).catch(() => null);
    const body = response?.ok ? ((await response.json().catch(() => null)) as { messages?: LeadLine[] } | null) : null;
    if (body?.messages) merge(body.messages);
  }, [merge, sessionId]);

  useEffect(() => {
    if (!sessionId) return;
    let stopped = false;
    let controller: AbortController | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let backoff = 1000;

    const startPolling = () => {
      if (poll || stopped) return;
      void refresh();
      poll = setInterval(() => {
        if (!document.hidden) void refresh();
      }, POLL_MS);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };

    const connect = async () => {
      controller = new AbortController();
      try {
        const response = await fetch("/api/chat/stream", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "text/event-stream" },
          body: JSON.stringify({ sessionId, after: lastId.current }),
          signal: controller.signal,
        });
        if (!response.ok || !response.body || !response.headers.get("content-type")?.includes("text/event-stream"))
          throw new Error(`stream refused: ${response.status}`);
        setLive(true);
        stopPolling();
        backoff = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseSse(buffer + value);
          buffer = parsed.rest;
          const got = parsed.events.filter((e) => e.event === "message").map((e) => JSON.parse(e.data) as LeadLine);
          merge(got);
        }
      } catch {
        // Refused, dropped or aborted: poll until the stream is back.
      }
      setLive(false);
      if (stopped) return;
      startPolling();
      retry = setTimeout(() => void connect(), backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };

    void connect();
    return () => {
      stopped = true;
      controller?.abort();
      stopPolling();
      if (retry) clearTimeout(retry);
    };
  }, [merge, refresh, sessionId]);

  return { lines, live, refresh };
}
