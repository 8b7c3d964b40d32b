import type { APIRequestContext, Browser, Page, Request } from "@playwright/test";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { seriousViolations } from "./axe";
import { expect, PASSWORD, test, users } from "./fixtures";
import { RulesPage } from "./pages/rules-page";

// A fit lead with 200 leads a month: below the default volume threshold (300) the agent acts on it;
// with the threshold at 100 it is high value and escalated.
const midVolumeLead = (id: string, name: string, monthlyLeads: number) => ({
  externalId: `e2e-rules-${id}`,
  channel: "form",
  receivedAt: new Date().toISOString(),
  source: { url: "https://example.com/demo", pageName: "Book a demo", formId: "demo", campaign: "e2e-rules" },
  fields: {
    firstname: name,
    lastname: "Rules",
    email: `${name.toLowerCase()}@${id}-logistics.com`,
    company: `${name} Logistics`,
    monthly_leads: String(monthlyLeads),
    message: `About ${monthlyLeads} inbound leads a month; we want to automate lead qualification before our sales team calls them.`,
  },
});

async function postIntake(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post("/api/v1/intake", { headers: { Authorization: `Bearer ${DEMO_API_KEY}` }, data: body });
  expect(response.status()).toBe(200);
  return response.json();
}

test("[ADMIN] lowers the volume threshold, simulates, publishes, and a new intake is decided by the new version; the old one can be restored", async ({
  page,
  request,
  signInAs,
  packagePage,
}) => {
  test.setTimeout(90_000);
  const run = String(Date.now());
  // An intake the current rules act on: the simulation should show it moving.
  expect(await postIntake(request, midVolumeLead(`${run}-a`, "Freya", 200))).toMatchObject({ decision: "act" });

  await signInAs("admin");
  const rules = new RulesPage(page);
  await rules.goto();
  await expect(rules.heading()).toBeVisible();
  await expect(rules.version(1)).toContainText("published");
  await page.screenshot({ path: "test-results/rules-desktop.png", fullPage: false });

  // A wrong value is named next to its field, and nothing can be saved.
  await rules.volumeThreshold().fill("-5");
  await expect(page.getByTestId("rules-problems")).toContainText("The leads-a-month threshold cannot be negative.");
  await expect(page.locator("#threshold-monthlyLeads-error")).toHaveText("The leads-a-month threshold cannot be negative.");
  // Said in a sentence, never in the validator's words, and a stray extra digit is caught.
  await rules.volumeThreshold().fill("12.5");
  await expect(page.locator("#threshold-monthlyLeads-error")).toHaveText("The leads-a-month threshold must be a whole number.");
  await rules.volumeThreshold().fill("90071992547409910");
  await expect(page.locator("#threshold-monthlyLeads-error")).toHaveText("The leads-a-month threshold can be at most 10,000,000.");
  await rules.volumeThreshold().fill("");
  await expect(page.locator("#threshold-monthlyLeads-error")).toHaveText("The leads-a-month threshold needs a whole number from 0 to 10,000,000.");
  await expect(page.getByTestId("rules-problems")).not.toContainText(/expected|Invalid input|Too (small|big)/);
  await expect(page.getByRole("button", { name: "Save draft" })).toBeDisabled();

  await rules.volumeThreshold().fill("100");
  await expect(page.getByTestId("rules-problems")).toHaveCount(0);
  await rules.simulateRecent(50);
  await expect(rules.movedLead("Freya")).toContainText("act");
  await expect(rules.movedLead("Freya")).toContainText("→ escalate · normal");
  await expect(rules.movedLead("Freya")).toContainText("high_value");
  await expect(page.getByTestId("simulation-by-reason")).toContainText("high_value");
  await rules.simulationResult().screenshot({ path: "test-results/rules-simulation.png" });

  // The same over an uploaded file of events (a test-case line and a broken one).
  await page.getByLabel("or a JSONL file of intake events").check();
  // Olga's line carries a label: the simulation scores both rule sets against it, per reason.
  const file = `${JSON.stringify({ input: midVolumeLead(`${run}-u`, "Olga", 180), expect: { decision: "escalate", priority: "normal", reasonsInclude: ["high_value"] } })}\nnot json\n`;
  await page
    .getByLabel("JSONL file of intake events", { exact: true })
    .setInputFiles({ name: "leads.jsonl", mimeType: "application/jsonl", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(rules.movedLead("Olga")).toContainText("→ escalate · normal");
  await expect(rules.simulationResult()).toContainText("of 1 intakes would be decided differently");
  await expect(rules.simulationResult()).toContainText("line 2: not valid JSON");
  const labelled = page.getByTestId("simulation-labelled");
  await expect(labelled).toContainText("Against the labels of 1 labelled leads");
  await expect(labelled).toContainText("0.0% → 100.0%");
  await expect(labelled.getByRole("row", { name: /high_value/ })).toContainText("1.00");
  await labelled.screenshot({ path: "test-results/rules-simulation-labelled.png" });

  // A file with nothing readable in it says so, and the previous file's result is gone.
  await page
    .getByLabel("JSONL file of intake events", { exact: true })
    .setInputFiles({ name: "broken.jsonl", mimeType: "application/jsonl", buffer: Buffer.from("not json\n") });
  await page.getByRole("button", { name: "Run simulation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "No intake event could be read from the file" })).toBeVisible();
  await expect(rules.simulationResult()).toHaveCount(0);

  await rules.saveDraft("Volume threshold 300 → 100");
  await expect(rules.version("draft")).toContainText("Volume threshold 300 → 100");
  await rules.publish("Volume threshold 300 → 100");
  await expect(rules.version(2)).toContainText("published");
  await expect(rules.version(2)).toContainText("by Alex Kim");
  await expect(rules.version(1)).toContainText("archived");
  await expect(rules.version("draft")).toHaveCount(0);

  // The very next intake is decided by version 2, and records it.
  const escalated = await postIntake(request, midVolumeLead(`${run}-b`, "Gunnar", 150));
  expect(escalated).toMatchObject({ decision: "escalate", priority: "normal", reasons: ["high_value"], package: { traceability: { ruleVersion: 2 } } });
  await page.goto(`/handoffs/${escalated.handoffId}`);
  await expect(page.getByText("version 2", { exact: true })).toBeVisible();
  await packagePage.openLeadDetails();
  // The package says why not the other decisions, nearest first.
  await expect(page.getByText("Why not another decision")).toBeVisible();
  await expect(page.getByText(/^not immediate: no risk/)).toBeVisible();
  await page
    .getByRole("region", { name: "Qualification" })
    .or(page.locator("[aria-labelledby=qualification-heading]"))
    .first()
    .screenshot({ path: "test-results/package-alternatives.png" });

  // Restoring version 1 publishes a copy of it as version 3: the same lead is acted on again.
  await rules.goto();
  await rules.restore(1);
  await expect(rules.version(3)).toContainText("copy of version 1");
  await expect(rules.version(3)).toContainText("published");
  await expect(rules.volumeThreshold()).toHaveValue("300");
  expect(await postIntake(request, midVolumeLead(`${run}-c`, "Hedda", 150))).toMatchObject({ decision: "act" });
  const high = await postIntake(request, midVolumeLead(`${run}-d`, "Ivar", 900));
  expect(high).toMatchObject({ decision: "escalate", package: { traceability: { ruleVersion: 3 } } });
});

test("[ADMIN] the metrics link to a rule lands on it; the page passes axe and fits 390 px", async ({ page, signInAs }) => {
  // axe reads a long form (every rule, signal and pattern) twice.
  test.setTimeout(120_000);
  await signInAs("admin");
  const rules = new RulesPage(page);
  await rules.goto("?rule=default.act.low_risk_fit");
  const card = rules.rule("default.act.low_risk_fit");
  await expect(card).toHaveAttribute("data-highlighted", "true");
  await expect(card).toBeInViewport();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: "test-results/rules-full.png", fullPage: true });
  // Each signal's keywords by language.
  const risk = page.getByTestId("signal-family").filter({ has: page.locator("summary", { hasText: /^risk ·/ }) });
  await risk.locator("summary").click();
  await expect(page.locator("#signals-risk-pricing-es")).toHaveValue(/descuentos/);
  await expect(page.locator("#signals-risk-pricing-en")).toHaveValue(/discounts/);
  await risk.screenshot({ path: "test-results/rules-signals.png" });
  // A score is a derived fact that counts: three of the offer cues make a vendor pitch whatever else the lead says.
  const count = page.getByLabel("vendorPitch definition 3: how many");
  await expect(count).toHaveValue("3");
  await expect(page.getByLabel("vendorPitch definition 3: kind")).toHaveValue("atLeast");
  await count.locator("xpath=ancestor::div[3]").screenshot({ path: "test-results/rules-at-least.png" });

  await page.setViewportSize({ width: 390, height: 844 });
  await rules.goto();
  await expect(rules.heading()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/rules-390.png", fullPage: false });
  expect(await seriousViolations(page)).toEqual([]);
});

test("[REP][MANAGER] are refused the rules page and its actions", async ({ browser }) => {
  // The admin's own save-draft request, captured, is replayed with a rep's and a manager's session.
  const admin = await signedIn(browser, "admin");
  const rules = new RulesPage(admin);
  await rules.goto();
  await rules.volumeThreshold().fill("250");
  const captured = admin.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await admin.getByRole("button", { name: "Save draft" }).click();
  const action = await captured;
  await expect(admin.getByTestId("rules-message")).toHaveText("Draft saved.");

  for (const role of ["rep", "manager"] as const) {
    const page = await signedIn(browser, role);
    await page.goto("/admin/rules");
    await expect(page.getByTestId("forbidden")).toContainText("needs the admin role");
    await expect(page.getByRole("button", { name: "Save draft" })).toHaveCount(0);
    const reply = await replay(page, action, "/admin/rules");
    expect(reply).toContain('"code":"forbidden"');
    await page.context().close();
  }

  // Only the admin's draft exists, still with the admin's value.
  await rules.goto();
  await expect(rules.version("draft")).toHaveCount(1);
  await expect(rules.volumeThreshold()).toHaveValue("250");
  await admin.context().close();
});

async function signedIn(browser: Browser, who: keyof typeof users): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Work email").fill(users[who]);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

async function replay(page: Page, action: Request, path: string): Promise<string> {
  const headers = action.headers();
  const response = await page.request.post(path, {
    headers: { "next-action": headers["next-action"] ?? "", "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: action.postData() ?? "",
  });
  return response.text();
}
