// An integration test only because the action wrapper imports Auth.js, which loads under the integration project's bundling; it touches no database.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/action";
import type { Actor } from "@/lib/auth/guard";

const actor: Actor = { id: "user-1", name: "Dana Reyes", email: "dana@example.test", role: "rep", teamId: null };

function noteAction() {
  const calls: unknown[] = [];
  const definition = {
    name: "test.note",
    roles: ["rep"] as const,
    schema: z.object({ handoffId: z.string(), body: z.string().min(1), tags: z.array(z.string()).optional() }),
    handler: async ({ input }: { input: unknown }) => (calls.push(input), "saved"),
  };
  return { calls, run: (input: FormData | Record<string, unknown>) => runAction(definition, async () => actor, input as FormData) };
}

describe("runAction and text Postgres cannot store", () => {
  it("refuses a NUL byte in a posted field, naming the field, before the handler runs", async () => {
    const { calls, run } = noteAction();
    const form = new FormData();
    form.append("handoffId", "h-1");
    form.append("body", "Called back\u0000 twice");
    const result = await run(form);
    expect(result).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { body: [expect.stringContaining("NUL byte")] } });
    expect(result).toMatchObject({ field: "body", error: expect.stringMatching(/^contains a character that cannot be stored/) });
    expect(calls).toEqual([]);
  });

  it("refuses half a surrogate pair deep in JSON input, naming its path", async () => {
    const { calls, run } = noteAction();
    const result = await run({ handoffId: "h-1", body: "fine", tags: ["ok", "broken \ud83d"] });
    expect(result).toMatchObject({ field: "tags.1", error: expect.stringMatching(/^contains a character that cannot be stored/) });
    expect(calls).toEqual([]);
  });

  it("passes whole emoji and other control-free text through to the handler", async () => {
    const { calls, run } = noteAction();
    const result = await run({ handoffId: "h-1", body: "Deal closed 🎉\ttab and newline\n" });
    expect(result).toEqual({ ok: true, data: "saved" });
    expect(calls).toEqual([{ handoffId: "h-1", body: "Deal closed 🎉\ttab and newline\n" }]);
  });
});

describe("runAction and a refused field", () => {
  it("names the field by its key in `field` and keeps the key out of the message a toast shows", async () => {
    const definition = {
      name: "test.convert",
      roles: ["rep"] as const,
      schema: z.object({
        valueAmount: z.coerce.number().positive("The value must be more than zero."),
        until: z.coerce.date({ error: "Pick a date and time to snooze until." }),
      }),
      handler: async () => "done",
    };
    const run = (input: Record<string, unknown>) => runAction(definition, async () => actor, input as never);
    expect(await run({ valueAmount: "0", until: "2026-12-01T10:00" })).toEqual({
      ok: false,
      code: "bad_request",
      error: "The value must be more than zero.",
      field: "valueAmount",
      fieldErrors: { valueAmount: ["The value must be more than zero."] },
    });
    const late = await run({ valueAmount: "5", until: "soon" });
    expect(late).toMatchObject({ ok: false, field: "until", error: "Pick a date and time to snooze until." });
  });
});
