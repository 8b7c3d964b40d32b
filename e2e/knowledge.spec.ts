import { ChatPage } from "./pages/chat-page";
import { expect, test } from "./fixtures";

// The shipped default knowledge base answers in the chat; the demo starts with it published.

test("[LEAD] an answerable question gets the article's answer in the lead's language", async ({ chatPage, browser }) => {
  await chatPage.goto();
  await chatPage.say("Hola, ¿os integráis con Salesforce?", "Hoy nos integramos con tres CRM: HubSpot, Pipedrive y Salesforce.");
  // Another lead (a chat session survives reloads, so a new visitor is a new browser context).
  const otherLead = await browser.newContext();
  const other = new ChatPage(await otherLead.newPage());
  await other.goto();
  await other.say("How long does a typical project take?", "A typical engagement takes between four and eight weeks");
  await otherLead.close();
});

test("[LEAD] a discount question is refused, and the rules hand the lead to a person", async ({ chatPage }) => {
  await chatPage.goto();
  await chatPage.say(
    "Hi, I'm Ana Ortega from Acme Robotics (ana.ortega@acme-robotics.io). We need lead qualification for our HubSpot forms. Can we get a discount?",
    "Discounts are decided by a person on our team",
  );
  await expect(chatPage.agentMessages().last()).toContainText("I'm passing this to a person on our sales team");
});

test("[LEAD][ADMIN] an unanswerable question ends as an open question on the package and in the gaps list", async ({
  browser,
  page,
  signInAs,
  inboxPage,
  packagePage,
}, testInfo) => {
  const leadContext = await browser.newContext();
  const chat = new ChatPage(await leadContext.newPage());
  await chat.goto();
  await chat.say("Do you support WhatsApp?", "I don't have a reliable answer to that");
  await expect(chat.agentMessages().last()).toContainText("What is the best email address to reach you?");
  await chat.say(
    "I'm Eva Lindqvist from Grande Foods, eva.lindqvist@grandefoods.se. We have 250 employees and need lead qualification for our web forms, it's urgent.",
    "I'm passing this to a person",
  );
  await leadContext.close();

  await signInAs("admin");
  await inboxPage.goto("?tab=immediate&sort=created_at");
  await inboxPage.rows().filter({ hasText: "Eva Lindqvist" }).getByTestId("lead-link").click();
  await packagePage.expectLoaded("Eva Lindqvist");
  await expect(page.getByTestId("open-question").filter({ hasText: 'Asked "Do you support WhatsApp?"; not answered' })).toHaveCount(1);
  await expect(page.getByTestId("knowledge-answer").filter({ hasText: "Do you support WhatsApp?" })).toContainText("no confident answer");
  await page.getByTestId("knowledge-answers").screenshot({ path: testInfo.outputPath("package-knowledge.png") });

  await page.goto("/admin/knowledge");
  await expect(page.getByTestId("gap-row").filter({ hasText: "Do you support WhatsApp?" })).toContainText("asked 1 time");
});

test("[ADMIN][EDIT_ARTICLE] an admin edits an article and the next answer uses the new text", async ({ browser, page, signInAs }, testInfo) => {
  await signInAs("admin");
  await page.goto("/admin/knowledge");
  await page.getByTestId("article-row").and(page.locator('[data-key="crm-integrations"][data-language="en"]')).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Edit: Which CRMs we integrate" })).toBeVisible();
  const body = page.getByLabel("Body (Markdown)");
  await body.fill(
    "We integrate with HubSpot, Pipedrive, Salesforce and Close CRM today, and keep contacts, companies and deals in sync.\n\nOther CRMs are not integrated today.",
  );
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/Saved as version 2/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("markdown-view").first()).toContainText("Salesforce and Close CRM today");
  await expect(page.getByTestId("version-list").locator("li")).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("admin-knowledge-article.png"), fullPage: true });

  const leadContext = await browser.newContext();
  const chat = new ChatPage(await leadContext.newPage());
  await chat.goto();
  await chat.say("Do you integrate with Salesforce?", "We integrate with HubSpot, Pipedrive, Salesforce and Close CRM today");
  await leadContext.close();

  await page.goto("/admin/knowledge");
  await expect(page.getByTestId("article-list")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("admin-knowledge.png"), fullPage: true });
  await page.getByRole("form", { name: "Limits" }).screenshot({ path: testInfo.outputPath("admin-knowledge-limits.png") });
});

test("[ADMIN][IMPORT_ARTICLES] an admin imports Markdown files and finds the articles as drafts", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/knowledge");
  const run = Date.now().toString(36);
  const file = (key: string, title: string) => ({
    name: `${key}.md`,
    mimeType: "text/markdown",
    buffer: Buffer.from(`---\nkey: ${key}\ntitle: ${title}\nlanguage: en\ntags: import\n---\n${title} is answered by this imported article.\n`),
  });
  await page
    .getByLabel("Or read files (.md or .jsonl)")
    .setInputFiles([file(`imported-one-${run}`, `Imported one ${run}`), file(`imported-two-${run}`, `Imported two ${run}`)]);
  await expect(page.getByTestId("import-files-read")).toContainText("2 files read");
  await expect(page.getByLabel("Articles to import")).toHaveValue(new RegExp(`key: imported-two-${run}`));
  await page.getByRole("form", { name: "Import articles" }).getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Imported: 2 new, 0 updated.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("article-row").filter({ hasText: `Imported one ${run}` })).toContainText(/draft/i);
  await expect(page.getByTestId("article-row").filter({ hasText: `Imported two ${run}` })).toBeVisible();
});
