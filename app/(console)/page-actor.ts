import "server-only";
import { redirect } from "next/navigation";
import type { UserRole } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";

/**
 * requireRole for pages: a visitor without a session goes to sign in; a signed-in person without
 * the role gets `{ forbidden }` so the page can explain instead of failing.
 */
export async function pageActor(...allowed: UserRole[]): Promise<{ actor: Actor; forbidden: null } | { actor: Actor | null; forbidden: string }> {
  try {
    return { actor: await requireRole(...allowed), forbidden: null };
  } catch (error) {
    if (error instanceof UserError && error.code === "unauthorized") redirect("/login");
    if (error instanceof UserError && error.code === "forbidden") {
      const actor = await requireRole().catch(() => null);
      return { actor, forbidden: error.message };
    }
    throw error;
  }
}
