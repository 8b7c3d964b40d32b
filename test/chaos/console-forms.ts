import { randomUUID } from "node:crypto";
import fc from "fast-check";
import type { z } from "zod";
import { runAction } from "@/lib/action";
import { personReplySchema } from "@/lib/chat/person-reply";
import type { Actor } from "@/lib/auth/guard";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import {
  acceptSchema,
  convertSchema,
  discardSchema,
  factReviewSchema,
  flagEscalationSchema,
  handBackSchema,
  noteSchema,
  reassignSchema,
  requestInfoSchema,
  snoozeSchema,
} from "@/lib/handoffs/command-schemas";
import { unstorableAt } from "@/lib/http/unstorable-text";
import { bulkDiscardSchema, bulkReassignSchema } from "@/lib/inbox/bulk-schemas";
import { answerWrongSchema, articleFormSchema, articleStatusSchema, importFormSchema } from "@/lib/knowledge/article-form";
import { limitsFormSchema } from "@/lib/knowledge/limits";
import { markReadSchema, preferencesSchema } from "@/lib/notifications/preferences-schema";
import type { FuzzReport } from "./bad-input";
import { hostileString } from "./hostile-strings";

// The console's forms, as the browser posts them (FormData of strings) or as a client component
// calls the action (any JSON), through the one wrapper every server action uses (runAction).
const forms: Record<string, z.ZodType> = {
  "handoff.accept": acceptSchema,
  "handoff.discard": discardSchema,
  "handoff.convert": convertSchema,
  "handoff.note": noteSchema,
  "handoff.flag_escalation": flagEscalationSchema,
  "handoff.reassign": reassignSchema,
  "handoff.request_info": requestInfoSchema,
  "handoff.snooze": snoozeSchema,
  "handoff.hand_back": handBackSchema,
  "handoff.fact_review": factReviewSchema,
  "handoff.chat_reply": personReplySchema,
  "inbox.bulk_reassign": bulkReassignSchema,
  "inbox.bulk_discard": bulkDiscardSchema,
  "notifications.preferences": preferencesSchema,
  "notifications.mark_read": markReadSchema,
  "knowledge.article": articleFormSchema,
  "knowledge.status": articleStatusSchema,
  "knowledge.import": importFormSchema,
  "knowledge.answer_wrong": answerWrongSchema,
  "knowledge.limits": limitsFormSchema,
};

const actor: Actor = { id: randomUUID(), name: "Fuzz Manager", email: "fuzz@example.test", role: "admin", teamId: null };

/**
 * Every form's schema under malformed input: the action answers `{ ok: false }` with a specific
 * message naming the field (never the generic "something went wrong", never a throw), and its
 * handler runs only with input the schema accepted, which never holds text the database would refuse
 * (a NUL byte or a broken surrogate pair).
 */
export async function fuzzConsoleForms(options: { runs: number; seed?: number }): Promise<FuzzReport> {
  const report = { target: "console forms", tried: 0, accepted: 0, refused: 0, failures: [] as string[] };
  const value = fc.oneof(
    hostileString,
    fc.constantFrom(
      "",
      "0",
      "-1",
      "1e309",
      "NaN",
      "on",
      "true",
      "null",
      "undefined",
      "[object Object]",
      randomUUID(),
      "not-a-uuid",
      "2026-02-30T10:00",
      "other",
    ),
  );
  for (const [name, schema] of Object.entries(forms)) {
    const keys = Object.keys(shapeOf(schema));
    const formInput = fc.dictionary(fc.oneof(fc.constantFrom(...keys, "items.0.handoffId", "$ACTION_ID_x"), fc.string({ maxLength: 12 })), value, {
      maxKeys: keys.length + 2,
    });
    const jsonInput = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.dictionary(fc.constantFrom(...keys), fc.oneof(value, fc.jsonValue({ maxDepth: 2 })), { maxKeys: keys.length }),
    );
    const inputs: unknown[] = [
      ...fc.sample(formInput, { seed: options.seed ?? 20_261_127, numRuns: options.runs }).map(toFormData),
      ...fc.sample(jsonInput, { seed: options.seed ?? 20_261_128, numRuns: options.runs }),
    ];
    for (const input of inputs) {
      report.tried++;
      let handled: unknown = undefined;
      const definition = { name, roles: ["admin"] as const, schema, handler: async ({ input: parsed }: { input: unknown }) => ((handled = parsed), "done") };
      let result: Awaited<ReturnType<typeof runAction>>;
      try {
        result = await runAction(definition, async () => actor, input as FormData);
      } catch (error) {
        fail(report, name, input, `threw ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (result.ok) {
        report.accepted++;
        if (unstorableAt(handled) !== null) fail(report, name, input, "accepted text the database cannot store");
        continue;
      }
      report.refused++;
      if (!result.error || result.error === GENERIC_ERROR_MESSAGE) fail(report, name, input, `refused without a specific message: ${result.error}`);
      if (handled !== undefined) fail(report, name, input, "refused, yet the handler ran");
    }
  }
  return report;
}

// The form's fields: an object schema's shape, also through a preprocess or a transform around it (a pipe).
function shapeOf(schema: z.ZodType): Record<string, unknown> {
  const found = schema as unknown as { shape?: Record<string, unknown>; in?: z.ZodType; out?: z.ZodType };
  if (found.shape) return found.shape;
  if (found.in && found.out) return { ...shapeOf(found.in), ...shapeOf(found.out) };
  return {};
}

function toFormData(entries: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(entries)) form.append(key, value);
  return form;
}

function fail(report: FuzzReport, name: string, input: unknown, why: string): void {
  if (report.failures.length < 20)
    report.failures.push(`${name}: ${why} (input ${JSON.stringify(input instanceof FormData ? Object.fromEntries(input) : input)?.slice(0, 160)})`);
}
