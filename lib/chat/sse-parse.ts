/** One Server-Sent Event as the widget reads it (`event`, `id`, `data`; comments dropped). */
export type SseEvent = { event: string; id: string | null; data: string };

/**
 * Splits what arrived so far into complete events and the unfinished rest (pure). The widget reads
 * its stream with fetch (a POST: the session id stays out of the URL), so it parses the
 * text/event-stream format itself, as EventSource would: blank line ends an event, `:` is a comment.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, "\n");
  const blocks = normalised.split("\n\n");
  const rest = blocks.pop() ?? "";
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = "message";
    let id: string | null = null;
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") event = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    if (data.length) events.push({ event, id, data: data.join("\n") });
  }
  return { events, rest };
}
