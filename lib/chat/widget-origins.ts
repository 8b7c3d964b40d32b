import { getChatWidgetOrigins, resetChatWidgetOrigins, saveChatWidgetOrigins } from "@/db/queries/chat-widget-settings";
import type { Actor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

export type WidgetOrigins = { origins: string[]; source: "database" | "environment" };

/**
 * The sites allowed to frame the chat widget: the list saved on /admin/connections, else the
 * environment's CHAT_WIDGET_ALLOWED_ORIGINS. When the database cannot be read, the environment's (a
 * database outage must not open the widget to more sites than the environment allows). Read for
 * every /chat page the proxy serves (one primary-key row), never cached: a copy per process kept
 * the other app processes, and the other bundles of the same one, framing the widget for a site an
 * admin had just removed.
 */
export async function allowedWidgetOrigins(): Promise<WidgetOrigins> {
  try {
    const saved = await getChatWidgetOrigins();
    return saved ? { origins: saved, source: "database" } : fromEnvironment();
  } catch (error) {
    logger.warn("chat widget origins unreadable; using the environment's", { error });
    return fromEnvironment();
  }
}

/** As saved now, uncached (what /admin/connections shows), with the environment's list beside it. */
export async function describeWidgetOrigins(): Promise<WidgetOrigins & { environment: string[] }> {
  const saved = await getChatWidgetOrigins();
  const environment = fromEnvironment().origins;
  return saved ? { origins: saved, source: "database", environment } : { origins: environment, source: "environment", environment };
}

function fromEnvironment(): WidgetOrigins {
  return { origins: env().CHAT_WIDGET_ALLOWED_ORIGINS ?? [], source: "environment" };
}

/** An admin sets the allowed sites (audited); every app process uses them from its next request. */
export async function saveWidgetOrigins({ actor, origins }: { actor: Actor; origins: string[] }): Promise<{ origins: string[] }> {
  await saveChatWidgetOrigins({ actor, origins });
  return { origins };
}

/** Back to the environment's list (audited). */
export async function resetWidgetOrigins({ actor }: { actor: Actor }): Promise<{ removed: boolean }> {
  const removed = await resetChatWidgetOrigins({ actor });
  return { removed };
}
