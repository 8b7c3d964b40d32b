import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { seriousViolations } from "./axe";
import { ChatPage } from "./pages/chat-page";
import { LoginPage } from "./pages/login-page";
import { PackagePage } from "./pages/package-page";
import { expect, PASSWORD, test, users } from "./fixtures";

const phone = { width: 390, height: 720 };

/**
 * A fresh form lead through the intake API, in the rep's team: each test acts on its own package,
 * whatever the other specs did to the demo data.
 */
async function newFormPackage(request: APIRequestContext, name: string, more: Record<string, string> = {}) {
  const [first, last] = name.split(" ");
  const response = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-actions-${Date.now()}-${Math.random()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: {
        firstname: first,
        lastname: last,
        jobtitle: "Head of Sales",
        email: `${first!.toLowerCase()}@kestrel-logistics.example`,
        company: "Kestrel Logistics",
        numemployees: "120",
        message: "We get 800 leads a month and need an AI agent that qualifies them this month.",
        ...more,
      },
    },
  });
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { handoffId: string; package: { facts: { inferred: unknown[]; openQuestions: string[] } } };
  return { id: body.handoffId, facts: body.package.facts };
}

test("[LEAD][REP] requests more info on a chat package: the agent asks in the chat, the lead answers there, the package is updated", async ({
  browser,
  page,
  signInAs,
  inboxPage,
  packagePage,
}, testInfo) => {
  const leadContext = await browser.newContext({ viewport: phone });
  const chat = new ChatPage(await leadContext.newPage());
  await chat.goto();
  await chat.say("Hi, I'm Lucía Ferrer from Tidewater Freight. Reach me at lucia.ferrer@tidewater-freight.com", /What would you like help with/);
  await chat.say(
    "We receive about 900 inbound leads a month and need an AI agent to qualify them, ideally live this month.",
    "I'm passing this to a person on our sales team",
  );

  await signInAs("rep");
  await inboxPage.goto("?sort=created_at&tab=immediate");
  await inboxPage.rowFor("Lucía Ferrer").getByTestId("lead-link").click();
  await packagePage.expectLoaded("Lucía Ferrer");
  // Routing may have handed the chat lead to either EMEA rep: act as whoever owns it.
  const handoffId = /\/handoffs\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const owner = await signInAsOwner(page, signInAs, handoffId);
  await packagePage.expectLoaded("Lucía Ferrer");
  await packagePage.accept();
  await expect(packagePage.status()).toHaveText("Accepted");

  // The first open question the agent left, and one of the owner's own.
  const asked = (await packagePage.openQuestions().first().locator("p").innerText()).trim();
  await packagePage.requestMoreInfo({ keep: [asked], own: ["When would you like to start?"] });
  await expect(packagePage.toast("Asked in the chat")).toBeVisible();
  await expect(packagePage.infoRequest()).toContainText("0/2 answered");
  await expect(packagePage.timeline().first()).toContainText(`${owner} asked the lead 2 questions in the chat`);
  await page.screenshot({ path: testInfo.outputPath("package-info-requested.png"), fullPage: true });

  // The open widget picks the agent's question up by itself; the lead answers each in turn.
  await expect(chat.agentMessages().last()).toContainText(`${owner} from our team has 2 quick questions so they can help you properly. First: ${asked}`, {
    timeout: 15_000,
  });
  await chat.say("HubSpot, plus a lot of spreadsheets.", "Thanks! And finally: When would you like to start?");
  await chat.say("In January.", `Thank you! I've passed your answers on to ${owner}.`);
  await chat
    .agentMessages()
    .last()
    .page()
    .screenshot({ path: testInfo.outputPath("chat-info-answered.png") });

  await page.reload();
  await expect(packagePage.infoRequest()).toHaveCount(0);
  await expect(page.getByTestId("facts-confirmed")).toContainText(`${asked} HubSpot, plus a lot of spreadsheets.`);
  await expect(page.getByTestId("facts-confirmed")).toContainText("When would you like to start? In January.");
  await expect(page.getByTestId("facts-open")).not.toContainText(asked);
  await expect(packagePage.timeline().first()).toContainText("Agent recorded the lead's answer to “When would you like to start?”: “In January.”");
  await leadContext.close();
});

/**
 * Routing hands a new Inbound EMEA lead to Dana (rep) or Sam (rep2) in turn, or leaves it in the
 * team queue: sign in as whoever has it (Dana for the queue) and open it. Returns their name.
 */
async function signInAsOwner(page: Page, signInAs: (who: keyof typeof users) => Promise<void>, id: string): Promise<string> {
  await signInAs("rep");
  await page.goto(`/handoffs/${id}`);
  const routedTo = await page.getByTestId("owner-name").innerText();
  if (routedTo !== "Sam Ortiz") return "Dana Reyes";
  await signInAs("rep2");
  await page.goto(`/handoffs/${id}`);
  return "Sam Ortiz";
}

test("[REP] accepts a package and undoes it from the toast: back to pending, both events on the timeline; the reasons name rules in words", async ({
  page,
  request,
  signInAs,
  packagePage,
}) => {
  const name = "Mirela Undo";
  const lead = await newFormPackage(request, name);
  const owner = await signInAsOwner(page, signInAs, lead.id);
  await packagePage.expectLoaded(name);
  // Why it was handed off: the rule in words, its id only on hover.
  const rule = page.getByTestId("reason-rule").first();
  await expect(rule).toContainText("Escalate rule");
  await expect(rule).not.toContainText("default.");
  await expect(rule).toHaveAttribute("title", /^default\.escalate/);

  await expect(packagePage.status()).toHaveText("Pending");
  await packagePage.accept();
  const toast = packagePage.toast("Accepted: this package is yours.");
  await expect(packagePage.status()).toHaveText("Accepted");
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(packagePage.toast("Undone")).toBeVisible();
  await expect(packagePage.status()).toHaveText("Pending");
  await expect(packagePage.timeline().nth(0)).toContainText(`${owner} undid the accept: back to pending`);
  await expect(packagePage.timeline().nth(1)).toContainText(`${owner} moved it from pending to accepted`);
  await expect(page.getByRole("button", { name: "Accept", exact: true })).toBeVisible();
});

test("[REP] the first screen of a package, at 1440 and 390: who, need, why, the clock and a primary action that works; the submission opens the conversation", async ({
  page,
  request,
  signInAs,
  packagePage,
}, testInfo) => {
  const name = "Nadia Firstscreen";
  const lead = await newFormPackage(request, name, { phone: "+34 600 111 222" });
  await signInAsOwner(page, signInAs, lead.id);
  const card = page.getByTestId("top-card");
  const primary = card.getByTestId("primary-action");
  for (const screen of [{ width: 1440, height: 900 }, phone]) {
    await page.setViewportSize(screen);
    await packagePage.expectLoaded(name);
    await expect(card.getByRole("link", { name: "nadia@kestrel-logistics.example" })).toHaveAttribute("href", "mailto:nadia@kestrel-logistics.example");
    await expect(card.getByRole("link", { name: "+34 600 111 222" })).toHaveAttribute("href", "tel:+34600111222");
    await expect(card.getByTestId("top-who")).toContainText("Head of Sales at Kestrel Logistics");
    await expect(card.getByTestId("top-need")).toContainText(/\w{3,}/);
    await expect(card.getByTestId("top-why")).toContainText("High value");
    await expect(card.getByTestId("sla-clock-label")).toHaveText("Time to accept");
    await expect(primary).toHaveText("Accept");
    // All of it on the first screen, and nothing wider than the screen.
    for (const part of [packagePage.title(), card.getByTestId("top-need"), card.getByTestId("top-why"), card.getByTestId("sla"), primary]) {
      const box = (await part.boundingBox())!;
      expect(box.y + box.height, `${await part.innerText()} within the first ${screen.height} px`).toBeLessThanOrEqual(screen.height);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen.width);
    await page.screenshot({ path: testInfo.outputPath(`package-first-screen-${screen.width}.png`) });
  }
  // The form's submission is the conversation's first message, in the main column.
  await expect(page.getByTestId("submission-message")).toContainText("We get 800 leads a month");
  expect(await seriousViolations(page)).toEqual([]);

  // Accept from the top card; then it leads with the next step the data supports: a call, as a tel: link.
  await primary.click();
  await expect(packagePage.toast("Accepted: this package is yours.")).toBeVisible();
  await expect(packagePage.status()).toHaveText("Accepted");
  await expect(primary).toHaveText("Call Nadia");
  await expect(primary).toHaveAttribute("href", "tel:+34600111222");
  // Accept is said once: not again in the Actions card.
  await expect(page.getByTestId("package-actions").getByRole("button", { name: "Accept", exact: true })).toHaveCount(0);
});

test("[REP] asks a form lead for more info: an email waits for approval, shown on the timeline", async ({ page, request, signInAs, packagePage }) => {
  const lead = await newFormPackage(request, "Oskar Brandt");
  const owner = await signInAsOwner(page, signInAs, lead.id);
  await packagePage.expectLoaded("Oskar Brandt");
  await packagePage.requestMoreInfo({ keep: [], own: [] });
  await expect(page.locator("#request-questions-error")).toHaveText("Pick at least one question, or write your own.");
  await page.getByLabel("Your own questions (one a line)").fill("How many people are on your sales team?");
  await page.getByRole("button", { name: /Ask in the chat|Draft the email/ }).click();
  await expect(packagePage.infoRequest()).toContainText("How many people are on your sales team?");
  await expect(packagePage.infoRequest()).toContainText("By email: the draft is waiting for approval");
  await expect(packagePage.timeline().first()).toContainText(`${owner} drafted an email asking the lead one question (waiting for approval)`);
});

test("[REP] snoozes a package out of the inbox until tomorrow, then un-snoozes it", async ({ page, request, signInAs, inboxPage, packagePage }) => {
  const name = "Ines Vogel";
  const lead = await newFormPackage(request, name);
  const owner = await signInAsOwner(page, signInAs, lead.id);
  const owned = (await packagePage.ownerName().innerText()) !== "Unassigned";
  await packagePage.expectLoaded(name);
  await packagePage.snoozeUntilTomorrow();
  await expect(packagePage.toast(/Snoozed until/)).toBeVisible();
  await expect(packagePage.snoozedBadge()).toContainText("Snoozed until");
  await expect(packagePage.timeline().first()).toContainText(`${owner} snoozed it until`);

  const view = owned ? "mine" : "unassigned";
  await inboxPage.goto(`?view=${view}&tab=immediate`);
  await expect(inboxPage.rowFor(name)).toHaveCount(0);
  await inboxPage.goto(`?view=${view}&tab=immediate&status=all`);
  await expect(inboxPage.rowFor(name).getByTestId("snoozed-badge")).toHaveText("Snoozed");

  await inboxPage.rowFor(name).getByTestId("lead-link").click();
  await packagePage.unsnooze();
  await expect(packagePage.toast("Un-snoozed")).toBeVisible();
  await expect(packagePage.snoozedBadge()).toHaveCount(0);
  await inboxPage.goto(`?view=${view}&tab=immediate`);
  await expect(inboxPage.rowFor(name)).toHaveCount(1);
});

test("[REP] hands an accepted package back to the agent, with a reason", async ({ page, request, signInAs, packagePage }, testInfo) => {
  const lead = await newFormPackage(request, "Tomas Berg");
  const owner = await signInAsOwner(page, signInAs, lead.id);
  await packagePage.accept();
  await expect(packagePage.ownerName()).toHaveText(owner);
  await packagePage.handBack("");
  await page.screenshot({ path: testInfo.outputPath("package-hand-back.png") });
  await expect(page.locator("#hand-back-reason-error")).toHaveText("Say why the agent should take it back.");
  await page.getByLabel("Why should the agent take it back?").fill("Budget only next year; let the agent nurture them.");
  await page.getByRole("button", { name: "Hand it back" }).click();
  await expect(packagePage.toast("Handed back")).toBeVisible();
  await expect(packagePage.status()).toHaveText("Pending");
  await expect(page.getByText("Nurture", { exact: true })).toBeVisible();
  await expect(packagePage.ownerName()).toHaveText("Unassigned");
  await expect(packagePage.timeline().first()).toContainText(`${owner} handed it back to the agent`);
  await expect(packagePage.timeline().first()).toContainText("Budget only next year; let the agent nurture them.");
});

test("[REP] confirms one inferred fact, corrects another and answers an open question, each in one click", async ({
  page,
  request,
  signInAs,
  packagePage,
}, testInfo) => {
  const lead = await newFormPackage(request, "Maja Lund");
  expect(lead.facts.inferred.length).toBeGreaterThanOrEqual(2);
  expect(lead.facts.openQuestions.length).toBeGreaterThanOrEqual(1);
  const owner = await signInAsOwner(page, signInAs, lead.id);
  const inferredBefore = await packagePage.inferredFacts().count();
  expect(inferredBefore).toBe(lead.facts.inferred.length);
  await page.screenshot({ path: testInfo.outputPath("package-facts-before.png"), fullPage: true });

  const confirmButton = packagePage
    .inferredFacts()
    .first()
    .getByRole("button", { name: /^Confirm / });
  const confirmedField = (await confirmButton.getAttribute("aria-label"))!.replace(/^Confirm /, "");
  await confirmButton.click();
  await expect(packagePage.toast(`Confirmed: ${confirmedField}.`)).toBeVisible();
  await expect(packagePage.inferredFacts()).toHaveCount(inferredBefore - 1);
  await expect(packagePage.confirmedFacts().last()).toContainText(`Confirmed by ${owner}`);
  await expect(packagePage.timeline().first()).toContainText(`${owner} confirmed ${confirmedField}`);

  const correctButton = packagePage
    .inferredFacts()
    .first()
    .getByRole("button", { name: /^Correct / });
  const correctedField = (await correctButton.getAttribute("aria-label"))!.replace(/^Correct /, "");
  await correctButton.click();
  const input = page.getByLabel(`Right value for ${correctedField}`, { exact: true });
  // A correction is held to the fact's type, and the error names the fact.
  await input.fill("<img src=x onerror=alert(1)>Checked on the phone");
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(page.locator("#fact-value-error")).toContainText(new RegExp(`^${correctedField}`, "i"));
  await expect(packagePage.inferredFacts()).toHaveCount(inferredBefore - 1);
  // A right value of each kind of inferred fact the agent writes.
  const rightValue: Record<string, string> = {
    intent: "audit",
    fit: "partial",
    urgent: "no",
    employees: "45",
    company: "Kranich Logistik",
    website: "kestrel-logistics.example",
  };
  const corrected = rightValue[correctedField] ?? "Checked on the phone";
  await input.fill(corrected);
  await page.getByRole("button", { name: "Save correction" }).click();
  await expect(packagePage.toast(`Corrected: ${correctedField}.`)).toBeVisible();
  await expect(page.getByTestId("facts-confirmed")).toContainText(corrected);
  await expect(packagePage.timeline().first()).toContainText(`${owner} corrected ${correctedField}`);

  const questions = lead.facts.openQuestions.length;
  await packagePage
    .openQuestions()
    .first()
    .getByRole("button", { name: /^Answer: / })
    .click();
  await page.getByRole("button", { name: "Save answer" }).click();
  await expect(page.locator("#fact-value-error")).toHaveText("Type the right value first.");
  await page.getByLabel(/^Answer to: /).fill("About 25,000 EUR this year");
  await page.getByRole("button", { name: "Save answer" }).click();
  await expect(packagePage.toast("Answer saved.")).toBeVisible();
  await expect(packagePage.openQuestions()).toHaveCount(questions - 1);
  await expect(page.getByTestId("facts-confirmed")).toContainText(`${lead.facts.openQuestions[0]} About 25,000 EUR this year`);
  await expect(packagePage.timeline().first()).toContainText(`${owner} answered “${lead.facts.openQuestions[0]}”: “About 25,000 EUR this year”`);
  await page.screenshot({ path: testInfo.outputPath("package-facts-after.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath("package-facts-mobile.png"), fullPage: true });
});

test("[REP][MANAGER] a confirmation on a package someone changed meanwhile is refused with the conflict message", async ({
  browser,
  page,
  request,
  signInAs,
  packagePage,
}) => {
  const lead = await newFormPackage(request, "Nils Ek");
  await signInAsOwner(page, signInAs, lead.id);
  const url = page.url();

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const login = new LoginPage(otherPage);
  await login.goto();
  await login.signIn(users.manager, PASSWORD);
  await otherPage.waitForURL(/\/inbox/);
  await otherPage.goto(url);
  await new PackagePage(otherPage).snoozeUntilTomorrow();
  await expect(new PackagePage(otherPage).snoozedBadge()).toBeVisible();

  await packagePage
    .inferredFacts()
    .first()
    .getByRole("button", { name: /^Confirm / })
    .click();
  await expect(packagePage.toast(/Morgan Lee changed this package a moment ago.*Nothing was changed/)).toBeVisible();
  await expect(packagePage.snoozedBadge()).toBeVisible();
  await other.close();
});

test("[REP] presses c on a pending package: told to accept first, accepts and converts in one step, typing the value as people write it", async ({
  page,
  request,
  signInAs,
  packagePage,
}, testInfo) => {
  const lead = await newFormPackage(request, "Petra Lindqvist");
  await signInAsOwner(page, signInAs, lead.id);
  // What the inbox's c key opens.
  await page.goto(`/handoffs/${lead.id}?action=convert`);
  await packagePage.expectLoaded("Petra Lindqvist");
  await expect(page.getByTestId("requested-action-notice")).toContainText("accept it first");
  await expect(page.getByRole("form", { name: "Convert package" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("convert-pending.png") });

  await page.getByRole("button", { name: "Accept and convert" }).click();
  await expect(packagePage.status()).toHaveText("Accepted");
  const form = page.getByRole("form", { name: "Convert package" });
  await expect(form).toBeVisible();
  await expect(page.getByTestId("requested-action-notice")).toHaveCount(0);

  // Empty says required; toasts carry the message alone, never the field's key.
  await form.getByRole("button", { name: "Mark converted" }).click();
  await expect(page.locator("#convert-value-error")).toHaveText("The deal value is required.");
  await expect(packagePage.toast("The deal value is required.")).toBeVisible();
  await page.getByLabel("Deal value").fill("0");
  await form.getByRole("button", { name: "Mark converted" }).click();
  await expect(packagePage.toast("The value must be more than zero.")).toBeVisible();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "valueAmount" })).toHaveCount(0);

  await page.getByLabel("Deal value").fill("12,000.50");
  await form.getByRole("button", { name: "Mark converted" }).click();
  await expect(packagePage.status()).toHaveText("Converted");
  await expect(packagePage.timeline().first()).toContainText("(12,000.5 EUR)");
});

test("[REP] in a Spanish browser, 12.000 is twelve thousand", async ({ browser, request }) => {
  const lead = await newFormPackage(request, "Nuria Campos");
  const context = await browser.newContext({ locale: "es-ES" });
  const page = await context.newPage();
  const packagePage = new PackagePage(page);
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(users.rep, PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto(`/handoffs/${lead.id}`);
  if ((await page.getByTestId("owner-name").innerText()) === "Sam Ortiz") {
    await context.clearCookies();
    await login.goto();
    await login.signIn(users.rep2, PASSWORD);
    await expect(page).toHaveURL(/\/inbox/);
    await page.goto(`/handoffs/${lead.id}`);
  }
  await packagePage.accept();
  await expect(packagePage.status()).toHaveText("Accepted");
  await page.getByRole("button", { name: "Convert", exact: true }).click();
  await page.getByLabel("Deal value").fill("12.000");
  await page.getByRole("button", { name: "Mark converted" }).click();
  await expect(packagePage.status()).toHaveText("Converted");
  await expect(packagePage.timeline().first()).toContainText("(12,000 EUR)");
  await context.close();
});
