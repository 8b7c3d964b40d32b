import type { UserRole } from "@/db/schema/auth";

export const roles = ["rep", "manager", "admin"] as const satisfies readonly UserRole[];

/** What each permission needs. Checked by name so a call site says what it protects. */
export const permissions = {
  "handoffs.read": ["rep", "manager", "admin"],
  "handoffs.act": ["rep", "manager", "admin"],
  "handoffs.reassign": ["manager", "admin"],
  "handoffs.read_all": ["manager", "admin"],
  "metrics.read": ["manager", "admin"],
  "admin.manage": ["admin"],
  /** Approve or deny the agent's sensitive actions (reps: on packages they may act on). */
  "approvals.decide": ["rep", "manager", "admin"],
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: UserRole, permission: Permission): boolean {
  return (permissions[permission] as readonly UserRole[]).includes(role);
}

export function rolesFor(permission: Permission): readonly UserRole[] {
  return permissions[permission];
}
