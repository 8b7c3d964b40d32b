import type { Page } from "@playwright/test";
import { RESUME_LINE } from "../lib/handoffs/info-request-messages";
import { ChatPage } from "./pages/chat-page";
import { expect, test, users } from "./fixtures";

const phone = { width: 390, height: 720 };

/** Routing hands a new chat lead to Dana (rep) or Sam (rep2), or leaves it in the queue: sign in as whoever has it. */
async function signInAsOwner(page: Page, signInAs: (who: keyof typeof users) => Promise<void>, url: string): Promise<string> {
  await signInAs("rep");
  await page.goto(url);
  if ((await page.getByTestId("owner-name").innerText()) !== "Sam Ortiz") return "Dana Reyes";
  await signInAs("rep2");
  await page.goto(url);
  return "Sam Ortiz";
}

test("[LEAD][REP][CHAT_TAKEOVER]: a lead asks for a person; the rep accepts and writes, the lead sees it under the rep's name, answers, the rep sees it live; a reload keeps it; hand back returns to the agent", async ({
  browser,
  page,
  signInAs,
  inboxPage,
  packagePage,
}, testInfo) => {
  const leadContext = await browser.newContext({ viewport: phone });
  const leadPage = await leadContext.newPage();
  const chat = new ChatPage(leadPage);
  await chat.goto();

  // Asked for a person: handed over at once, no qualification questions (the email is known, so nothing is asked).
  await chat.say("Hi, I'm Tomás Rivera from Harbor Freight, tomas.rivera@harbor-freight.com. Can I talk to a human please?", "I'm passing you to");
  await expect(chat.agentMessages().last()).not.toContainText("?");

  // What the rep will know: the lead corrects a line in one click.
  const receipt = leadPage.getByTestId("chat-receipt");
  await expect(receipt).toContainText("Company: Harbor Freight");
  await receipt.getByRole("button", { name: "Correct Company" }).click();
  await receipt.getByLabel("Company").fill("Harbor Freight Lines");
  await receipt.getByRole("button", { name: "Save" }).click();
  await expect(receipt).toContainText("Company: Harbor Freight Lines");

  await signInAs("rep");
  await inboxPage.goto("?tab=all&sort=created_at");
  await inboxPage.rowFor("Tomás Rivera").getByTestId("lead-link").click();
  await packagePage.expectLoaded("Tomás Rivera");
  const owner = await signInAsOwner(page, signInAs, page.url());
  const first = owner.split(" ")[0];
  await expect(page.getByText(/^Harbor Freight Lines · /)).toBeVisible();
  await packagePage.accept();
  await expect(packagePage.status()).toHaveText("Accepted");

  // The rep writes in the chat; the lead's widget shows it under the rep's name, without reloading.
  const composer = page.getByLabel("Message to the lead");
  await page.getByTestId("use-draft").click();
  await expect(composer).toHaveValue(new RegExp(`^Hi Tomás, this is ${first}`));
  await composer.fill(`Hi Tomás, ${first} here. What can I do for you?`);
  await page.getByRole("button", { name: "Send to lead" }).click();
  await expect(composer).toHaveValue("");
  await expect(leadPage.getByTestId("person-message").last()).toContainText(`${first} here. What can I do for you?`);
  await expect(leadPage.getByTestId("person-joined")).toHaveText(new RegExp(`^${first} from .+ has joined$`));
  await expect(leadPage.getByTestId("chat-status")).toHaveText(new RegExp(`^Now with ${first} from `));
  await leadPage.screenshot({ path: testInfo.outputPath("lead-sees-rep.png") });

  // The lead answers; the agent stays quiet; the rep sees the line live.
  await chat.say("We need our 500 monthly leads routed into HubSpot by January.", null);
  await expect(page.getByTestId("live-lead").last()).toContainText("We need our 500 monthly leads routed into HubSpot by January.");
  await page.screenshot({ path: testInfo.outputPath("rep-live-chat.png"), fullPage: true });

  // A reload keeps the conversation (the same session, the same package).
  await leadPage.reload();
  await expect(leadPage.getByTestId("person-message").last()).toContainText(`${first} here. What can I do for you?`);
  await expect(chat.leadMessages().last()).toHaveText("You: We need our 500 monthly leads routed into HubSpot by January.");

  // Hand back: the agent takes the conversation again, and the lead sees it at once.
  await packagePage.handBack("Not ready to buy yet");
  await expect(chat.agentMessages().last()).toContainText(RESUME_LINE);
  await expect(leadPage.getByTestId("chat-status")).toHaveText("Our assistant replies right away");
  await leadContext.close();
});

test("[LEAD][EMBED]: the widget script adds a launcher and the chat in a frame, passes the page's URL, title and UTM, and keeps the conversation across page loads", async ({
  browser,
  page,
  signInAs,
  inboxPage,
  packagePage,
  baseURL,
}) => {
  const host = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const site = await host.newPage();
  // A page of the seller's site (same origin here: CHAT_WIDGET_ALLOWED_ORIGINS is unset, so only Baton may frame /chat).
  await site.route("**/pricing-page.html*", (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html><html><head><meta charset="utf-8"><title>Pricing – Harbor</title></head><body><h1>Pricing</h1><script src="/widget.js" data-label="Chat with sales"></script></body></html>`,
    }),
  );
  await site.goto(`${baseURL}/pricing-page.html?utm_source=newsletter&utm_campaign=winter`);
  await site.getByRole("button", { name: "Chat with sales" }).click();
  const frame = site.frameLocator('iframe[title="Chat with sales"]');
  await frame.getByLabel("Your message").fill("I'm Rosa Lind from Harbor Freight, rosa.lind@harbor-freight.com. I want to speak to a person.");
  await frame.getByRole("button", { name: "Send" }).click();
  await expect(frame.getByTestId("agent-message").last()).toContainText("I'm passing you to");

  // The next page of the site: the panel opens again with the same conversation.
  await site.goto(`${baseURL}/pricing-page.html?page=2`);
  await expect(frame.getByTestId("lead-message").last()).toContainText("I want to speak to a person.");

  await signInAs("manager");
  await inboxPage.goto("?tab=all&sort=created_at&view=all");
  await inboxPage.rowFor("Rosa Lind").getByTestId("lead-link").click();
  await packagePage.expectLoaded("Rosa Lind");
  await packagePage.openLeadDetails();
  const source = page.getByRole("region", { name: "Source and entry context" });
  await expect(source).toContainText("Pricing – Harbor");
  await expect(source).toContainText("utm_source=newsletter");
  await expect(source).toContainText("newsletter");
  await host.close();
});
