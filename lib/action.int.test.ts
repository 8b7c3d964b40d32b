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
    expect(!result.ok && result.error).toMatch(/^body: contains a character that cannot be stored/);
    expect(calls).toEqual([]);
  });

  it("refuses half a surrogate pair deep in JSON input, naming its path", async () => {
    const { calls, run } = noteAction();
    const result = await run({ handoffId: "h-1", body: "fine", tags: ["ok", "broken \ud83d"] });
    expect(!result.ok && result.error).toMatch(/^tags\.1: contains a character that cannot be stored/);
    expect(calls).toEqual([]);
  });

  it("passes whole emoji and other control-free text through to the handler", async () => {
    const { calls, run } = noteAction();
    const result = await run({ handoffId: "h-1", body: "Deal closed 🎉\ttab and newline\n" });
    expect(result).toEqual({ ok: true, data: "saved" });
    expect(calls).toEqual([{ handoffId: "h-1", body: "Deal closed 🎉\ttab and newline\n" }]);
  });
});
