import { listLiveMessages, type LiveMessage } from "@/db/queries/chat-live";
import { liveHub, type LiveHub } from "@/lib/chat/live-hub";
import { logger } from "@/lib/logger";

export type LiveStreamOptions<E> = {
  conversationId: string;
  /** The id of the last message the follower already has (null: the whole conversation). */
  after: string | null;
  /** What this follower may see of a message (the lead sees less than the console): null skips it. */
  view: (message: LiveMessage) => E | null;
  /** The request's signal: the stream ends when the follower goes away. */
  signal: AbortSignal;
  hub?: LiveHub;
  read?: typeof listLiveMessages;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs?: number;
  /** Read again this often even without a notification: a NOTIFY lost with a dropped connection is caught here. */
  resyncMs?: number;
  /** The stream ends after this long; the follower reconnects with its cursor (as EventSource does). */
  maxMs?: number;
  /** Send what there is and end (a snapshot: the polling fallback, a probe). */
  once?: boolean;
  /** Called when the stream opens and at every heartbeat while the follower holds it (the lead is still there). */
  onAlive?: () => Promise<void>;
};

const encoder = new TextEncoder();

/**
 * Server-Sent Events for one conversation: what the follower lacks at once, then every new message
 * as it is committed (woken by the process's LISTEN), each as `event: message` with its id. Reads never
 * overlap: a wake-up during a read makes one more read after it. Every wait here has an end.
 */
export function liveMessageStream<E>(options: LiveStreamOptions<E>): ReadableStream<Uint8Array> {
  const hub = options.hub ?? liveHub();
  const read = options.read ?? listLiveMessages;
  const seen = new Set<string>();
  let cursor = options.after;
  let cursorSentAt: Date | null = null;
  let reading = false;
  let again = false;
  let closed = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  let unfollow = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        unfollow();
        for (const t of timers) clearInterval(t);
        options.signal.removeEventListener("abort", close);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      const pump = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const rows = await read({ conversationId: options.conversationId, after: cursor, afterSentAt: cursorSentAt });
            for (const row of rows) {
              if (seen.has(row.id) || row.id === options.after) continue;
              seen.add(row.id);
              cursor = row.id;
              cursorSentAt = row.sentAt;
              const event = options.view(row);
              if (event !== null) send(`event: message\nid: ${row.id}\ndata: ${JSON.stringify(event)}\n\n`);
            }
          } while (again && !closed);
        } catch (error) {
          // The next wake-up or resync tries again; the follower keeps what it has.
          logger.warn("chat stream read failed", { error, conversationId: options.conversationId });
        } finally {
          reading = false;
        }
      };

      if (options.signal.aborted) return close();
      options.signal.addEventListener("abort", close);
      send(`retry: 1000\n\n`);
      if (options.once) return void pump().finally(close);
      unfollow = hub.follow(options.conversationId, () => void pump());
      const alive = () => {
        if (closed || !options.onAlive) return;
        // A failed mark only makes the lead look away sooner; the stream itself goes on.
        options.onAlive().catch((error: unknown) => logger.warn("chat stream presence not recorded", { error, conversationId: options.conversationId }));
      };
      alive();
      timers.push(
        setInterval(() => {
          send(`: ping\n\n`);
          alive();
        }, options.heartbeatMs ?? 15_000),
      );
      timers.push(setInterval(() => void pump(), options.resyncMs ?? 10_000));
      const end = setTimeout(close, options.maxMs ?? 5 * 60_000);
      timers.push(end as unknown as ReturnType<typeof setInterval>);
      void pump();
    },
    cancel() {
      closed = true;
      unfollow();
      for (const t of timers) clearInterval(t);
    },
  });
}

export const sseHeaders = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" } as const;
