import { z } from "zod";
import { priorities } from "@/lib/contract/package";
import { searchMatchTiers } from "@/lib/inbox/search-match";

export const inboxSorts = ["sla_due_at", "created_at", "updated_at", "value", "priority"] as const;
export type InboxSort = (typeof inboxSorts)[number];

/** What each key of a sort holds; the row's id always follows as the last key (a unique tie-break). */
type KeyKind = "time" | "clock" | "amount?" | "priority";

/**
 * The keys each sort orders by, in order. Priority ranks the tab (immediate first) and then the
 * SLA inside it. Value is the only key that may be null (nobody stated a budget), and nulls always
 * come last, whichever direction. The SLA sort first says whether the package's acceptance clock is
 * running (pending) or stopped: stopped ones come last, whichever direction, each run by deadline.
 */
export const sortKeys: Record<InboxSort, readonly KeyKind[]> = {
  sla_due_at: ["clock", "time"],
  created_at: ["time"],
  updated_at: ["time"],
  value: ["amount?"],
  priority: ["priority", "time"],
};

/**
 * A keyset position: the sort keys and id of the row a page starts after (or ends before). Under a
 * search, rows come in match tiers (lib/inbox/search-match.ts) before the sort: the cursor holds
 * the tier of its row too, as its index in searchMatchTiers.
 */
export type Cursor = { values: (string | null)[]; id: string; matchTier?: number };

const amount = /^-?\d{1,14}(\.\d{1,2})?$/;
const clockStates = ["running", "stopped"] as const;
const keyValue = z.union([z.null(), z.iso.datetime({ offset: true }), z.string().regex(amount), z.enum(priorities), z.enum(clockStates)]);

export const cursorSchema = z
  .string()
  .max(300)
  .transform((raw, ctx): Cursor => {
    try {
      const decoded = z.array(z.unknown()).parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
      const matchTier =
        typeof decoded.at(-1) === "number"
          ? z
              .number()
              .int()
              .min(0)
              .max(searchMatchTiers.length - 1)
              .parse(decoded.pop())
          : undefined;
      const parsed = z
        .array(z.union([keyValue, z.uuid()]))
        .min(2)
        .max(3)
        .parse(decoded);
      const id = z.uuid().parse(parsed.at(-1));
      return { values: parsed.slice(0, -1), id, ...(matchTier === undefined ? {} : { matchTier }) };
    } catch {
      ctx.addIssue({ code: "custom", message: "That page link is broken; start from the first page." });
      return z.NEVER;
    }
  });

/**
 * True when the cursor was made for this sort, and for a search when there is one (a hand-edited
 * URL can pair a cursor with another sort, or keep a page link after the search is cleared).
 */
export function cursorFits(sort: InboxSort, cursor: Cursor, searching = false): boolean {
  const kinds = sortKeys[sort];
  if (cursor.values.length !== kinds.length) return false;
  if ((cursor.matchTier !== undefined) !== searching) return false;
  return kinds.every((kind, i) => {
    const value = cursor.values[i] ?? null;
    if (kind === "amount?") return value === null || amount.test(value);
    if (value === null) return false;
    if (kind === "clock") return (clockStates as readonly string[]).includes(value);
    if (kind === "priority") return (priorities as readonly string[]).includes(value);
    return !Number.isNaN(Date.parse(value)) && value.includes("T");
  });
}

type SortableRow = { slaDueAt: Date; createdAt: Date; updatedAt: Date; dealValue: number | null; priority: string | null; status: string };

/** The sort keys of a row, as its cursor holds them. */
export function cursorValues(sort: InboxSort, row: SortableRow): (Date | number | string | null)[] {
  switch (sort) {
    case "sla_due_at":
      return [row.status === "pending" && row.priority ? "running" : "stopped", row.slaDueAt];
    case "created_at":
      return [row.createdAt];
    case "updated_at":
      return [row.updatedAt];
    case "value":
      return [row.dealValue];
    case "priority":
      return [row.priority, row.slaDueAt];
  }
}

export function encodeCursor(values: (Date | number | string | null)[], id: string, matchTier?: number | null): string {
  const plain = values.map((v) => (v instanceof Date ? v.toISOString() : typeof v === "number" ? String(v) : v));
  const tier = matchTier === undefined || matchTier === null ? [] : [matchTier];
  return Buffer.from(JSON.stringify([...plain, id, ...tier])).toString("base64url");
}

export function defaultDirection(sort: InboxSort): "asc" | "desc" {
  // Most urgent first for deadlines and priority; the largest deal first; newest first for times things happened.
  return sort === "sla_due_at" || sort === "priority" ? "asc" : "desc";
}
