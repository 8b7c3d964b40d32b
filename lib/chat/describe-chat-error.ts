const offline = "We couldn't reach our server. Check your connection and try again.";
const generic = "Something went wrong on our side. Please try again in a moment.";

/**
 * What the widget tells the visitor when a turn fails. The AI SDK puts the response body in the
 * error's message: our routes answer `{ error: { message } }` with words meant for people; anything
 * else (a proxy's HTML page, a network failure) gets a plain sentence, never the raw text.
 */
export function describeChatError(error: Error): string {
  if (error.name === "TypeError" || /failed to fetch|networkerror|load failed/i.test(error.message)) return offline;
  try {
    const body: unknown = JSON.parse(error.message);
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    return typeof message === "string" && message.trim() ? message : generic;
  } catch {
    return generic;
  }
}
