import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, test } from "./fixtures";

// Last in the suite (it adds 300 packages): the demo's own worker, as `npm run demo` runs it, under
// the burst that once deadlocked it.
type Health = { ok: boolean; worker: { silent: boolean } | null; queues: Record<string, { ready: number; running: number; stuck: boolean }> | null };

test("[ADMIN][JOBS] a burst of 300 intakes naming one company drains: every package synced to the CRM, the jobs page keeps up", async ({
  page,
  request,
  signInAs,
}) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < 300) {
        const i = next++;
        const response = await request.post("/api/v1/intake", {
          headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
          data: {
            externalId: `burst-${run}-${i}`,
            channel: "form",
            receivedAt: new Date().toISOString(),
            fields: {
              email: `buyer${i}@burstco-${run}.io`,
              company: `Burstco ${run}`,
              numemployees: "120",
              message: "We need an AI agent to qualify our 500 monthly leads this week.",
            },
          },
        });
        expect(response.status(), await response.text()).toBe(200);
        ids.push(((await response.json()) as { handoffId: string }).handoffId);
      }
    }),
  );

  await expect
    .poll(
      async () => {
        const health = (await (await request.get("/api/health")).json()) as Health;
        const busy = ["crm-sync", "notify"].map((q) => (health.queues?.[q]?.ready ?? 1) + (health.queues?.[q]?.running ?? 1));
        return busy.reduce((a, b) => a + b, 0);
      },
      { timeout: 180_000, intervals: [1_000], message: "the crm-sync and notify queues to drain" },
    )
    .toBe(0);
  const health = (await (await request.get("/api/health")).json()) as Health;
  expect(health.ok).toBe(true);
  expect(health.worker?.silent).toBe(false);

  await signInAs("admin");
  await page.goto("/admin/jobs");
  await expect(page.getByTestId("worker-silent")).toHaveCount(0);
  await expect(page.getByTestId("queues-stalled")).toHaveCount(0);
  await expect(page.getByTestId("workers")).toContainText("up to");
  await expect(page.getByTestId("queue-crm-sync").getByTestId("queue-lag")).toHaveText("—");

  // The first and the last of the burst are logged in the CRM.
  for (const id of [ids[0], ids[ids.length - 1]]) {
    await page.goto(`/handoffs/${id}`);
    await expect(page.getByText("Not synced yet")).toHaveCount(0);
  }
});
