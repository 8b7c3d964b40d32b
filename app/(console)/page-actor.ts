import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import type { UserRole } from "@/db/schema";
import { requireRole, type Actor } from "@/lib/auth/guard";
import { can, rolesFor, type Permission } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";

/** requireRole for pages: a visitor without a session goes to sign in. */
export async function pageActor(): Promise<{ actor: Actor }> {
  try {
    return { actor: await currentActor() };
  } catch (error) {
    if (error instanceof UserError && error.code === "unauthorized") redirect("/login");
    throw error;
  }
}

/**
 * For a page only some roles may open: anyone else gets HTTP 403 and the forbidden.tsx of the
 * page's segment, which explains (forbiddenByRoleMessage) and offers the way back.
 */
export async function pageActorWith(permission: Permission): Promise<Actor> {
  const { actor } = await pageActor();
  if (!can(actor.role, permission)) forbidden();
  return actor;
}

/** What a forbidden.tsx says to the signed-in person about a page that needs `permission`. */
export async function forbiddenByRoleMessage(permission: Permission): Promise<string> {
  const { actor } = await pageActor();
  return roleNeeded(rolesFor(permission), actor.role);
}

function roleNeeded(allowed: readonly UserRole[], role: UserRole): string {
  return `This page needs the ${allowed.join(" or ")} role; you are signed in as ${role}.`;
}

// The layout and the page both ask; one request reads the session and the user once.
const currentActor = cache(() => requireRole());
