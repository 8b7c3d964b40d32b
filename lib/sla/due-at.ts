import type { Priority } from "@/lib/contract/package";

/** Default SLAs per priority (SPEC.md): immediate 15 min, normal 4 h, nurture 3 days. Business hours arrive with routing. */
export const defaultSlaMinutes: Record<Priority, number> = { immediate: 15, normal: 4 * 60, nurture: 3 * 24 * 60 };

export function slaDueAt(priority: Priority | null, from: Date): Date {
  return new Date(from.getTime() + (priority ? defaultSlaMinutes[priority] : 0) * 60_000);
}
