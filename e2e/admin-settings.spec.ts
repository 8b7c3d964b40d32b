import { readFileSync } from "node:fs";
import { seriousViolations } from "./axe";
import { expect, test } from "./fixtures";
import { emailedLink, invitedAndSignedIn } from "./pages/account-emails";

// adminSections from components/layout/admin-nav.tsx, read as text: that file is a client component
// (next/link) that Playwright's loader cannot import. Every page the nav links is checked.
const adminSections = [...readFileSync("components/layout/admin-nav.tsx", "utf8").matchAll(/\{ href: "(\/admin\/[a-z-]+)", label: "([^"]+)" \}/g)].map(
  ([, href = "", label = ""]) => ({ href, label }),
);
const myPages = ["/admin/routing", "/admin/slas", "/admin/approvals", "/admin/users", "/admin/api-keys", "/admin/connections", "/admin/audit"];

const intake = (externalId: string) => ({
  externalId,
  channel: "form",
  receivedAt: new Date().toISOString(),
  fields: {
    firstname: "Mara",
    lastname: "Quint",
    email: "mara@quint-logistics.de",
    company: "Quint Logistics",
    message: "Looking for pricing for a team of 40.",
  },
});

test("[ADMIN][INVITE_USER] invites a person, who sets a password from the emailed link and signs in; the admin then sees their last sign-in", async ({
  browser,
  page,
  signInAs,
}) => {
  await signInAs("admin");
  const email = `e2e-${Date.now()}@baton.demo`;
  // No team: the demo's round-robin stays as the specs after this one expect it.
  const invitee = await invitedAndSignedIn(browser, page, { name: "Iris Okafor", email, password: "iris-okafor-password", team: "" });
  await expect(invitee.getByTestId("current-user")).toHaveText("Iris Okafor");
  // The link worked once: opened again, it says so and offers no form.
  const link = await emailedLink(email, "/login/invite");
  await invitee.goto(link);
  await expect(invitee.getByTestId("link-problem")).toHaveText(/already used/);
  await expect(invitee.getByRole("form", { name: "Choose a password" })).toHaveCount(0);

  await page.goto("/admin/users");
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await expect(row.getByTestId("last-sign-in")).toHaveText(/^Last signed in .+ with a password$/);
  await invitee.context().close();
});

test("[ADMIN][DEACTIVATE_USER] the people list has no solid red buttons; Deactivate asks first, and saying no changes nothing", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/users");
  const row = page.getByTestId("user-row").filter({ has: page.getByText("rep2@baton.demo", { exact: true }) });
  const deactivate = row.getByRole("button", { name: "Deactivate" });
  await expect(deactivate).toBeVisible();
  // Quiet: an outline on white, not a filled red button on every row.
  const solidRed = await page
    .getByTestId("user-list")
    .getByRole("button")
    .evaluateAll(
      (buttons) =>
        buttons.filter((b) => getComputedStyle(b).backgroundColor !== "rgb(255, 255, 255)" && getComputedStyle(b).backgroundColor !== "rgba(0, 0, 0, 0)")
          .length,
    );
  expect(solidRed).toBe(0);
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await deactivate.click();
  await expect.poll(() => asked).toContain("Deactivate rep2@baton.demo?");
  await expect(row.getByText("Deactivated", { exact: true })).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();
});

test("[ADMIN][API_KEY] creates a key shown once that works for intake, then revokes it and it is refused", async ({ page, request, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/api-keys");
  const name = `E2E partner ${Date.now()}`;
  await page.getByLabel("Name (where it is used)").fill(name);
  const teamName = (await page.getByLabel("Leads land in the queue of").locator("option:checked").textContent())?.trim() ?? "";
  expect(teamName).not.toBe("");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^baton_/);
  const row = page.locator(`[data-testid="api-key-row"][data-name="${name}"]`);
  await expect(row).toContainText(`${key.slice(0, 12)}…`);

  const accepted = await request.post("/api/v1/intake", { headers: { Authorization: `Bearer ${key}` }, data: intake(`e2e-key-${Date.now()}`) });
  expect(accepted.status()).toBe(200);

  await page.reload();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await expect(row).toContainText("last used");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.post("/api/v1/intake", { headers: { Authorization: `Bearer ${key}` }, data: intake(`e2e-key-${Date.now()}-2`) });
  expect(refused.status()).toBe(401);

  // The audit log shows both changes, newest first, without the key.
  await page.goto("/admin/audit?type=api_key");
  await expect(page.getByTestId("audit-entry").first()).toContainText("api_key.revoke");
  await expect(page.getByTestId("audit-entry").first()).toContainText(`API key ${name}`);
  await expect(page.getByTestId("audit-entry").nth(1)).toContainText("api_key.create");
  // The key's team reads as its name, not its id.
  await expect(
    page
      .getByTestId("audit-entry")
      .nth(1)
      .getByRole("row", { name: /^Team / }),
  ).toContainText(teamName);
  expect(await page.content()).not.toContain(key);
});

test("[ADMIN][SLA] changes an SLA and is told which field is wrong", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/slas");
  const immediate = page.getByTestId("sla-immediate");
  const original = await immediate.getByLabel("Minutes").inputValue();
  await immediate.getByLabel("Minutes").fill("25");
  // Read back in words as it is typed: a day is "1 day", not 1440.
  await expect(immediate.getByTestId("duration-in-words")).toHaveText("25 minutes");
  await immediate.getByLabel("Minutes").fill("1440");
  await expect(immediate.getByTestId("duration-in-words")).toHaveText("1 day");
  await immediate.getByLabel("Minutes").fill("25");
  await immediate.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Immediate SLA saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("sla-immediate").getByLabel("Minutes")).toHaveValue("25");
  // Back to the demo's 15 minutes for the specs that follow.
  await page.getByTestId("sla-immediate").getByLabel("Minutes").fill(original);
  await page.getByTestId("sla-immediate").getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Immediate SLA saved.").first()).toBeVisible();

  await page.getByTestId("sla-normal").getByLabel("Minutes").fill("0");
  await page.getByTestId("sla-normal").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("sla-normal").getByTestId("form-error")).toHaveText("Minutes: must be at least 1");

  const calendar = page.getByTestId("team-calendar").first();
  await calendar.getByLabel("Time zone").fill("Europe/Madird");
  await calendar.getByRole("button", { name: "Save hours" }).click();
  await expect(calendar.getByTestId("form-error")).toContainText("Time zone: must be an IANA time zone");
});

test("[ADMIN][ROUTING] adds a rule, sees a clear error for a bad country, and the fallback stays last", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/routing");
  const form = page.getByRole("form", { name: "New routing rule" });
  const name = `E2E Nordics ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Countries (two-letter codes)").fill("Sweden");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByTestId("form-error")).toContainText("Countries: must be a two-letter country code");
  await form.getByLabel("Countries (two-letter codes)").fill("SE, NO, dk");
  await form.getByRole("button", { name: "Add rule" }).click();
  const rule = page.getByTestId("routing-rule").filter({ hasText: name });
  await expect(rule).toContainText("Country SE, NO, DK");
  await expect(page.getByTestId("routing-rules").locator("li").last()).toHaveAttribute("data-testid", "routing-fallback");
  page.once("dialog", (dialog) => dialog.accept());
  await rule.getByRole("button", { name: "Delete" }).click();
  await expect(rule).toHaveCount(0);
});

test("[ADMIN][CONNECTIONS] tests Slack and SMTP as configured, and never shows a saved secret", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/connections");
  const slack = page.getByTestId("connection-slack");
  await slack.getByRole("button", { name: "Test these settings" }).click();
  await expect(slack.getByTestId("test-result-slack")).toContainText("Works: Slack accepted the bot token");
  await expect(slack.getByTestId("secret-state-botToken")).toContainText("Set, ending …");

  const smtp = page.getByTestId("connection-smtp");
  await smtp.getByRole("button", { name: "Test these settings" }).click();
  await expect(smtp.getByTestId("test-result-smtp")).toContainText("Works:");

  const llm = page.getByTestId("connection-llm");
  await llm.getByLabel("API key").fill("sk-e2e-secret-value-1234");
  await llm.getByLabel("Base URL (blank: OpenAI)").fill("http://127.0.0.1:65534/v1");
  await llm.getByRole("button", { name: "Save LLM (OpenAI-compatible)" }).click();
  await expect(llm.getByTestId("secret-state-apiKey")).toHaveText(/Set, ending …1234\./);
  expect(await page.content()).not.toContain("sk-e2e-secret-value");
  await llm.getByRole("button", { name: "Test these settings" }).click();
  await expect(llm.getByTestId("test-result-llm")).toContainText("Failed: Connection refused");
  // Put the demo back on the deterministic agent for the specs that follow.
  await llm.getByLabel("Remove the saved api key").check();
  await llm.getByRole("button", { name: "Save LLM (OpenAI-compatible)" }).click();
  await expect(llm.getByTestId("secret-state-apiKey")).toHaveText("Not set.");
});

test("[ADMIN][CONNECTIONS] refuses a broken SMTP configuration naming the field, tests values before saving, and returns a service to the environment", async ({
  page,
  signInAs,
}) => {
  await signInAs("admin");
  await page.goto("/admin/connections");
  const smtp = page.getByTestId("connection-smtp");
  const source = await smtp.getByTestId("connection-source-smtp").innerText();
  await smtp.getByLabel("SMTP URL").fill("smtp://");
  await smtp.getByLabel("From").fill("not an address");
  await smtp.getByRole("button", { name: "Test these settings" }).click();
  await expect(smtp.getByTestId("test-result-smtp")).toContainText("Failed: From: must be a sender address");
  await smtp.getByRole("button", { name: "Save Email (SMTP)" }).click();
  await expect(smtp.getByTestId("form-error")).toContainText("From: must be a sender address");
  await smtp.getByLabel("From").fill("Baton <baton@example.com>");
  await smtp.getByRole("button", { name: "Test these settings" }).click();
  await expect(smtp.getByTestId("test-result-smtp")).toContainText("Failed: SMTP URL: must name the mail server's host");
  await smtp.getByRole("button", { name: "Save Email (SMTP)" }).click();
  await expect(smtp.getByTestId("form-error")).toContainText("SMTP URL: must name the mail server's host");
  // Nothing was saved by any of it.
  await page.reload();
  await expect(smtp.getByTestId("connection-source-smtp")).toHaveText(source);

  // A form that was never saved, tested against a closed port: it says so, and still nothing is saved.
  await smtp.getByLabel("SMTP URL").fill("smtp://127.0.0.1:1");
  await smtp.getByLabel("From").fill("Baton <baton@example.com>");
  await smtp.getByRole("button", { name: "Test these settings" }).click();
  await expect(smtp.getByTestId("test-result-smtp")).toContainText("Failed: Connection refused");
  await page.reload();
  await expect(smtp.getByTestId("connection-source-smtp")).toHaveText(source);

  // Slack saved here, then back to the environment's settings.
  const slack = page.getByTestId("connection-slack");
  if ((await slack.getByTestId("connection-source-slack").innerText()) !== "Saved here") {
    await slack.getByLabel("Default channel").fill("#e2e-handoffs");
    await slack.getByRole("button", { name: "Save Slack" }).click();
    await expect(slack.getByTestId("connection-source-slack")).toHaveText("Saved here");
  }
  page.once("dialog", (dialog) => dialog.accept());
  await slack.getByRole("button", { name: "Use the environment's settings" }).click();
  await expect(slack.getByTestId("connection-source-slack")).toHaveText("From the environment");
  await expect(slack.getByRole("button", { name: "Use the environment's settings" })).toHaveCount(0);
  await slack.getByRole("button", { name: "Test these settings" }).click();
  await expect(slack.getByTestId("test-result-slack")).toContainText("Works:");
});

test("[ADMIN][APPROVALS] turns four-eyes off and on for an action type, audited", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/approvals");
  const email = page.getByTestId("four-eyes-send_email");
  await expect(email.getByTestId("four-eyes-state")).toContainText("Four-eyes on");
  await email.getByRole("button", { name: "Turn off" }).click();
  await expect(email.getByTestId("four-eyes-state")).toContainText("Off");
  await email.getByRole("button", { name: "Turn on" }).click();
  await expect(email.getByTestId("four-eyes-state")).toContainText("Four-eyes on");
  await page.goto("/admin/audit");
  await expect(
    page
      .getByTestId("audit-entry")
      .filter({ hasText: /approval setting/i })
      .first(),
  ).toBeVisible();
});

for (const who of ["rep", "manager"] as const) {
  test(`[${who.toUpperCase()}] is refused on every admin page`, async ({ page, signInAs }) => {
    expect(adminSections.length).toBeGreaterThanOrEqual(9);
    await signInAs(who);
    for (const section of adminSections) {
      await page.goto(section.href);
      await expect(page.getByTestId("forbidden"), section.href).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
    }
  });
}

test("[ADMIN] the admin settings pages have no serious or critical axe violations, on a desktop and a phone", async ({ page, signInAs }) => {
  // Twelve pages, each loaded and scanned.
  test.setTimeout(150_000);
  await signInAs("admin");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of myPages) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await seriousViolations(page), `${path} at ${width}px`).toEqual([]);
      await page.screenshot({ path: `test-results/admin-screens/${path.split("/").pop()}-${width}.png`, fullPage: true });
    }
  }
});
