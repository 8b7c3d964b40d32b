import { ChatPage } from "./pages/chat-page";
import { expect, test } from "./fixtures";

// A phone-sized frame: the widget is meant to be embedded in an iframe on the seller's site.
const phone = { width: 390, height: 720 };

test("[LEAD][REP] a chat ends in a handoff the rep finds in the inbox with its transcript; once accepted, the chat says who is taking over", async ({
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
  await expect(chat.sendButton()).toBeDisabled();

  await chat.say("Hi, I'm Marta Vidal from Northwind Logistics.", "What is the best email address to reach you?");
  await chat.say("marta.vidal@northwind-logistics.com", "What would you like help with");
  await chat.say(
    "We get about 600 inbound leads a month and need an AI agent to qualify them, ideally live this month.",
    "I'm passing this to a person on our sales team",
  );
  await expect(chat.agentMessages().last()).toContainText("marta.vidal@northwind-logistics.com");
  await leadPage.screenshot({ path: testInfo.outputPath("chat-mid-conversation.png") });

  await signInAs("rep");
  await inboxPage.goto("?tab=immediate&sort=created_at");
  const row = inboxPage.rows().filter({ hasText: "Marta Vidal" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Northwind Logistics");
  await row.getByTestId("lead-link").click();
  await packagePage.expectLoaded("Marta Vidal");
  const transcript = page.getByTestId("transcript");
  await transcript.getByText(/Conversation \(7 messages\)/).click();
  await expect(transcript).toContainText("assistant of our sales team");
  await expect(transcript).toContainText("We get about 600 inbound leads a month");
  await expect(transcript).toContainText("I'm passing this to a person on our sales team");

  // Routing gave it to one of the team's reps in turn (or left it in the queue): that person accepts it.
  const owner = await page.getByTestId("owner-name").innerText();
  const taker = owner === "Sam Ortiz" ? { login: "rep2" as const, name: "Sam Ortiz" } : { login: "rep" as const, name: "Dana Reyes" };
  if (taker.login !== "rep") {
    const packageUrl = page.url();
    await signInAs(taker.login);
    await page.goto(packageUrl);
    await packagePage.expectLoaded("Marta Vidal");
  }
  await packagePage.accept();
  await expect(packagePage.status()).toHaveText("Accepted");

  // Single voice: the agent hands over once, then only the person speaks.
  await chat.say("Is someone looking at this?", `${taker.name} from our team is taking over`);
  await expect(leadPage.getByTestId("chat-status")).toHaveText(`Now with ${taker.name} from our team`);
  await chat.say("Great, thanks!", null);

  await page.reload();
  await page
    .getByTestId("transcript")
    .getByText(/Conversation \(10 messages\)/)
    .click();
  await expect(page.getByTestId("transcript")).toContainText("Great, thanks!");
  await leadContext.close();
});

test("[LEAD] sees why a message was not sent, and gets the text back to try again", async ({ page, chatPage }) => {
  await chatPage.goto();
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 429,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "rate_limited", message: "You're sending messages too quickly. Please wait 20 seconds and try again." } }),
    }),
  );
  await chatPage.input().fill("Hello, anyone there?");
  await chatPage.sendButton().click();
  await expect(page.getByTestId("chat-error")).toHaveText("You're sending messages too quickly. Please wait 20 seconds and try again.");
  await expect(chatPage.input()).toHaveValue("Hello, anyone there?");
  await expect(chatPage.leadMessages()).toHaveCount(0);

  await page.unroute("**/api/chat");
  await chatPage.say("Hello, anyone there?", "What is the best email address to reach you?");
  await expect(page.getByTestId("chat-error")).toHaveCount(0);
});

test("[LEAD] text typed before the page became interactive can be sent", async ({ page, chatPage }) => {
  // Hold the page's scripts: the lead types into the server-rendered box on a slow connection.
  let release: () => void = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/_next/static/chunks/**", async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto("/chat", { waitUntil: "commit" });
  await chatPage.input().fill("Hi, I'm Ines Prado from Lumen Works.");
  release();
  await expect(chatPage.sendButton()).toBeEnabled();
  await chatPage.sendButton().click();
  await expect(chatPage.leadMessages().last()).toHaveText("You: Hi, I'm Ines Prado from Lumen Works.");
  await expect(chatPage.agentMessages().last()).toContainText("What is the best email address to reach you?");
});
