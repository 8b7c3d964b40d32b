import { createHash } from "node:crypto";
import type { IntakeEvent } from "@/lib/contract/intake";

/**
 * Without a sender id the idempotency key is a hash of the canonical payload (keys sorted at every
 * depth), so the same submission sent twice maps to the same intake.
 */
export function canonicalExternalId(event: IntakeEvent): string {
  return `sha256:${createHash("sha256").update(canonicalJson(event)).digest("hex").slice(0, 32)}`;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
