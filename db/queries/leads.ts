import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { intakes, messages } from "@/db/schema";

export async function getIntake({ id }: { id: string }) {
  const [row] = await db.select().from(intakes).where(eq(intakes.id, id)).limit(1);
  return row ?? null;
}

export async function listConversationMessages({ conversationId }: { conversationId: string }) {
  return db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.sentAt));
}
