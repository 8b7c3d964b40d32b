import { z } from "zod";

// What the demo's stand-ins received, read from their inspection endpoints (demo mode only).

const slackSchema = z.object({
  messages: z.array(z.object({ via: z.string(), ts: z.string(), channel: z.string(), text: z.string(), receivedAt: z.string() })),
});
const emailSchema = z.object({
  messages: z.array(z.object({ messageId: z.string().nullable(), to: z.array(z.string()), subject: z.string(), text: z.string(), receivedAt: z.string() })),
});

export type DemoOutbox = { slack: z.infer<typeof slackSchema>["messages"]; email: z.infer<typeof emailSchema>["messages"]; error: string | null };

export async function readDemoOutbox({ slackUrl, smtpUrl }: { slackUrl?: string; smtpUrl?: string }): Promise<DemoOutbox | null> {
  if (!slackUrl && !smtpUrl) return null;
  try {
    const [slack, email] = await Promise.all([
      slackUrl ? fetchParsed(slackUrl, slackSchema) : { messages: [] },
      smtpUrl ? fetchParsed(smtpUrl, emailSchema) : { messages: [] },
    ]);
    return { slack: [...slack.messages].reverse(), email: [...email.messages].reverse(), error: null };
  } catch {
    return { slack: [], email: [], error: "The demo's stand-ins did not answer (is npm run demo still running?)." };
  }
}

async function fetchParsed<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(3000) });
  return schema.parse(await response.json());
}
