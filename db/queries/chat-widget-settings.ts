import { eq } from "drizzle-orm";
import { db } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { chatWidgetSettings } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";

// The chat widget's embedding settings (one row; none: the environment's).

/** The saved list of sites allowed to embed the widget, or null when none is saved. */
export async function getChatWidgetOrigins(): Promise<string[] | null> {
  const [row] = await db.select({ origins: chatWidgetSettings.allowedOrigins }).from(chatWidgetSettings).where(eq(chatWidgetSettings.singleton, true));
  return row?.origins ?? null;
}

export async function saveChatWidgetOrigins({ actor, origins }: { actor: Actor; origins: string[] }) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(chatWidgetSettings).where(eq(chatWidgetSettings.singleton, true)).for("update");
    const values = { allowedOrigins: origins, updatedById: actor.id, updatedAt: new Date() };
    await tx
      .insert(chatWidgetSettings)
      .values({ singleton: true, ...values })
      .onConflictDoUpdate({ target: chatWidgetSettings.singleton, set: values });
    await recordAdminChange(tx, {
      actor,
      action: "chat_widget.update_origins",
      entityType: "chat_widget_settings",
      before: before ? { allowedOrigins: before.allowedOrigins } : { allowedOrigins: "(environment)" },
      after: { allowedOrigins: origins },
    });
  });
}

/** Removes the saved list: the environment's applies again. False when none was saved. */
export async function resetChatWidgetOrigins({ actor }: { actor: Actor }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(chatWidgetSettings).where(eq(chatWidgetSettings.singleton, true)).returning();
    if (!removed) return false;
    await recordAdminChange(tx, {
      actor,
      action: "chat_widget.reset_origins",
      entityType: "chat_widget_settings",
      before: { allowedOrigins: removed.allowedOrigins },
      after: { allowedOrigins: "(environment)" },
    });
    return true;
  });
}
