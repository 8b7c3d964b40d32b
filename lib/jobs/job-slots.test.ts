import { describe, expect, it } from "vitest";
import { JobSlots, jobSlotsFor } from "@/lib/jobs/job-slots";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("JobSlots", () => {
  it("never runs more work at once than it has slots, and runs the waiters in arrival order", async () => {
    const slots = new JobSlots(2);
    const gates = Array.from({ length: 5 }, deferred);
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const all = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await gate.promise;
        running--;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.stats).toEqual({ running: 2, waiting: 3 });
    gates[1]!.resolve();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(slots.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot of work that throws", async () => {
    const slots = new JobSlots(1);
    await expect(slots.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(slots.run(async () => "next")).resolves.toBe("next");
  });

  it("sizes the slots from the pool, keeping one connection back", () => {
    expect(jobSlotsFor(10)).toBe(9);
    expect(jobSlotsFor(1)).toBe(1);
    expect(() => new JobSlots(0)).toThrow(/at least one/);
  });
});
