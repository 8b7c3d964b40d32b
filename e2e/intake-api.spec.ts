import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { expect, test } from "./fixtures";

test("[API] an intake posted with an API key lands in the right tab of the key's team queue", async ({ page, request, signInAs, inboxPage }) => {
  await signInAs("rep");
  await inboxPage.goto("?tab=immediate");
  const before = await inboxPage.count("immediate");

  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-${Date.now()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      source: { url: "https://example.com/audit", pageName: "Sales audit", formId: "audit", campaign: "e2e" },
      fields: {
        firstname: "Greta",
        lastname: "Lindqvist",
        email: "greta@nordvik-freight.se",
        company: "Nordvik Freight",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
      },
    },
  });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ decision: "escalate", priority: "immediate", reasons: ["high_value"] });

  await inboxPage.goto("?tab=immediate");
  await expect(page.getByTestId("lead-link").filter({ hasText: "Greta Lindqvist" })).toBeVisible({ timeout: 1_000 });
  expect(await inboxPage.count("immediate")).toBe(before + 1);

  await page.getByTestId("lead-link").filter({ hasText: "Greta Lindqvist" }).click();
  await expect(page.getByTestId("package-summary")).toContainText("Greta Lindqvist");
  // Newest first: routing places it right after the agent creates it.
  await expect(page.getByTestId("timeline-entry").last()).toContainText("Agent created the package");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("System routed it to");
});

test("[API] bad input and a wrong key get clear refusals", async ({ request }) => {
  const wrongKey = await request.post("/api/v1/intake", { headers: { Authorization: "Bearer baton_wrong" }, data: { channel: "form" } });
  expect(wrongKey.status()).toBe(401);
  const bad = await request.post("/api/v1/intake", { headers: { Authorization: `Bearer ${DEMO_API_KEY}` }, data: { channel: "pigeon", receivedAt: "soon" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^channel: /), expect.stringMatching(/^receivedAt: /)]));
});
