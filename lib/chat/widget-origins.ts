import { getChatWidgetOrigins, resetChatWidgetOrigins, saveChatWidgetOrigins } from "@/db/queries/chat-widget-settings";
import type { Actor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export type WidgetOrigins = { origins: string[]; source: "database" | "environment" };

// Read for every /chat page the proxy serves: cached for a few seconds per process, dropped at once by
// the process that saves, so another app process follows within WIDGET_ORIGINS_CACHE_MS.
export const WIDGET_ORIGINS_CACHE_MS = 5_000;
let cached: { at: number; value: Promise<WidgetOrigins> } | null = null;

/**
 * The sites allowed to frame the chat widget: the list saved on /admin/connections, else the
 * environment's CHAT_WIDGET_ALLOWED_ORIGINS. When the database cannot be read, the environment's (a
 * database outage must not open the widget to more sites than the environment allows).
 */
export async function allowedWidgetOrigins(now = Date.now()): Promise<WidgetOrigins> {
  if (!cached || now - cached.at > WIDGET_ORIGINS_CACHE_MS) {
    const value = getChatWidgetOrigins().then(
      (saved): WidgetOrigins => (saved ? { origins: saved, source: "database" } : fromEnvironment()),
      (error: unknown) => {
        logger.warn("chat widget origins unreadable; using the environment's", { error });
        cached = null;
        return fromEnvironment();
      },
    );
    cached = { at: now, value };
  }
  return cached.value;
}

/** As saved now, uncached (what /admin/connections shows), with the environment's list beside it. */
export async function describeWidgetOrigins(): Promise<WidgetOrigins & { environment: string[] }> {
  const saved = await getChatWidgetOrigins();
  const environment = fromEnvironment().origins;
  return saved ? { origins: saved, source: "database", environment } : { origins: environment, source: "environment", environment };
}

export function forgetWidgetOrigins(): void {
  cached = null;
}

function fromEnvironment(): WidgetOrigins {
  return { origins: env().CHAT_WIDGET_ALLOWED_ORIGINS ?? [], source: "environment" };
}

/** An admin sets the allowed sites (audited); this process uses them at once, the others within the cache's few seconds. */
export async function saveWidgetOrigins({ actor, origins }: { actor: Actor; origins: string[] }): Promise<{ origins: string[] }> {
  await saveChatWidgetOrigins({ actor, origins });
  forgetWidgetOrigins();
  return { origins };
}

/** Back to the environment's list (audited). */
export async function resetWidgetOrigins({ actor }: { actor: Actor }): Promise<{ removed: boolean }> {
  const removed = await resetChatWidgetOrigins({ actor });
  forgetWidgetOrigins();
  return { removed };
}
