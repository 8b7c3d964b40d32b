import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { UserRole } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";

/**
 * requireRole for pages: a visitor without a session goes to sign in; a signed-in person without
 * the role gets `{ forbidden }` so the page can explain instead of failing.
 */
export async function pageActor(...allowed: UserRole[]): Promise<{ actor: Actor; forbidden: null } | { actor: Actor | null; forbidden: string }> {
  try {
    const actor = await currentActor();
    if (allowed.length > 0 && !allowed.includes(actor.role)) {
      return { actor, forbidden: `This page needs the ${allowed.join(" or ")} role; you are signed in as ${actor.role}.` };
    }
    return { actor, forbidden: null };
  } catch (error) {
    if (error instanceof UserError && error.code === "unauthorized") redirect("/login");
    throw error;
  }
}

// The layout and the page both ask; one request reads the session and the user once.
const currentActor = cache(() => requireRole());
