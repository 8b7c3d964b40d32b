import { describe, expect, it } from "vitest";
import { CrmUnavailableError } from "@/lib/crm/errors";
import { LimitGovernor } from "@/lib/crm/salesforce/limit-governor";

function governor() {
  let clock = 1_000_000;
  const waits: number[] = [];
  const g = new LimitGovernor(
    { slowAt: 0.8, stopAt: 0.95, slowIntervalMs: 500, recheckMs: 60_000 },
    () => clock,
    async (ms) => {
      waits.push(ms);
      clock += ms;
    },
  );
  return { g, waits, tick: (ms: number) => (clock += ms) };
}

describe("LimitGovernor", () => {
  it("lets requests through at once while the org is below slowAt", async () => {
    const { g, waits } = governor();
    g.observe("api-usage=10/100");
    for (let i = 0; i < 5; i++) await g.acquire();
    expect(waits).toEqual([]);
  });

  it("spaces requests once the org has used slowAt of its daily limit, reading the api-bursts form too", async () => {
    const { g, waits } = governor();
    g.observe("api-usage=80/100; api-bursts=2/40");
    await g.acquire();
    await g.acquire();
    await g.acquire();
    expect(waits).toEqual([500, 500]);
  });

  it("refuses past stopAt, counting the requests it let through before any response said so", async () => {
    const { g } = governor();
    g.observe("api-usage=93/100");
    await g.acquire();
    await g.acquire();
    await expect(g.acquire()).rejects.toThrow(CrmUnavailableError);
    await expect(g.acquire()).rejects.toThrow("95 of 100 requests");
    g.observe("api-usage=40/100");
    await expect(g.acquire()).resolves.toBeUndefined();
  });

  it("while stopped, lets one request through every recheckMs to learn whether the usage has dropped", async () => {
    const { g, tick } = governor();
    g.observe("api-usage=95/100");
    tick(60_000);
    await expect(g.acquire()).resolves.toBeUndefined();
    await expect(g.acquire()).rejects.toThrow(CrmUnavailableError);
    tick(59_000);
    await expect(g.acquire()).rejects.toThrow(CrmUnavailableError);
    tick(1_000);
    await expect(g.acquire()).resolves.toBeUndefined();
  });

  it("ignores a missing or malformed header", async () => {
    const { g } = governor();
    g.observe(null);
    g.observe("api-usage=lots");
    expect(g.usage()).toEqual({ used: 0, max: 0 });
  });
});
