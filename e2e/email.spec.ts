import { readFileSync } from "node:fs";
import { ImapFlow } from "imapflow";
import { expect, test } from "./fixtures";

// The demo writes where its stand-ins listen (scripts/demo.ts): the SMTP outbox to read, the mailbox to append to.
type Endpoints = { smtpInspectUrl: string; imap: { host: string; port: number; user: string; password: string } | null };
const endpoints = (): Endpoints => JSON.parse(readFileSync(".data/e2e/demo-endpoints.json", "utf8")) as Endpoints;
type Sent = {
  messageId: string | null;
  to: string[];
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  fromHeader: string;
  replyTo: string;
};
const outbox = async (): Promise<Sent[]> => ((await (await fetch(endpoints().smtpInspectUrl)).json()) as { messages: Sent[] }).messages;

// The demo's package waiting for a first reply (lib/email/demo-threads.ts), owned by rep@baton.demo.
const LEAD = { name: "Lucas Fontaine", email: "lucas.fontaine@atelier-lumen.example", messageId: "demo-lucas-1@atelier-lumen.example" };

test("[REP][REPLY]: answers an email lead from the package; the SMTP server gets that one threaded message; the lead's answer by IMAP joins the thread and tells the rep", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(90_000);
  const { imap } = endpoints();
  expect(imap, "the demo runs a Dovecot mailbox").not.toBeNull();
  await signInAs("rep");
  await page.goto(`/inbox?q=${encodeURIComponent(LEAD.name)}&status=all`);
  await page.getByTestId("lead-link").filter({ hasText: LEAD.name }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: LEAD.name })).toBeVisible();
  const thread = page.getByTestId("email-thread");
  await expect(thread.getByTestId("email-thread-item").first()).toContainText("lighting design studio");

  // An empty reply is refused by name; then the real one.
  await thread.getByRole("button", { name: "Send reply" }).click();
  await expect(thread.getByText("Write the reply first.")).toBeVisible();
  const words = `Bonjour Lucas, would Tuesday at 15:00 suit you? (${Date.now()})`;
  const before = (await outbox()).length;
  await thread.getByLabel(`Reply to ${LEAD.email}`).fill(words);
  await thread.getByRole("button", { name: "Send reply" }).click();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: `Reply to ${LEAD.email} is on its way.` })).toBeVisible();

  await expect.poll(async () => (await outbox()).filter((m) => m.text.includes(words)).length, { timeout: 30_000 }).toBe(1);
  const sent = (await outbox()).find((m) => m.text.includes(words))!;
  expect((await outbox()).length).toBe(before + 1);
  expect(sent.to).toEqual([LEAD.email]);
  expect(sent.inReplyTo).toBe(`<${LEAD.messageId}>`);
  expect(sent.references).toEqual([`<${LEAD.messageId}>`]);
  expect(sent.subject).toBe("Re: Demo for our 20-person sales team");
  expect(sent.fromHeader).toBe('"Dana Reyes" <sales@baton.demo>');
  expect(sent.replyTo).toMatch(/^sales\+r-[a-z2-7]{20}@baton\.demo$/);
  await page.reload();
  await expect(thread.getByTestId("email-thread-item").filter({ hasText: words })).toHaveAttribute("data-author", "human");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Dana Reyes emailed the lead" })).toHaveCount(1);

  // The lead answers; the mail server leaves it in the mailbox, where the worker reads it.
  const answer = `Mardi 15h, parfait. (${Date.now()})`;
  const client = new ImapFlow({ host: imap!.host, port: imap!.port, secure: false, auth: { user: imap!.user, pass: imap!.password }, logger: false });
  await client.connect();
  await client.append(
    "INBOX",
    [
      `From: ${LEAD.name} <${LEAD.email}>`,
      "To: Sales <sales@baton.demo>",
      "Subject: Re: Demo for our 20-person sales team",
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <e2e-${Date.now()}@atelier-lumen.example>`,
      `In-Reply-To: ${sent.messageId}`,
      `References: <${LEAD.messageId}> ${sent.messageId}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      answer,
      "",
      "Le mar., Dana Reyes <sales@baton.demo> a écrit :",
      `> ${words}`,
      "",
    ].join("\r\n"),
  );
  await client.logout();

  await expect
    .poll(
      async () => {
        await page.reload();
        return thread.getByTestId("email-thread-item").filter({ hasText: answer }).count();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
  await expect(thread.getByTestId("email-thread-item").filter({ hasText: answer })).toHaveAttribute("data-author", "lead");
  await page.goto("/notifications");
  await expect(page.getByText(`Lucas replied: ${LEAD.name}`).first()).toBeVisible({ timeout: 20_000 });
});

test("[ADMIN][MAILBOX]: the mailbox connection's test logs in to the demo's IMAP server and reads the folder", async ({ page, signInAs }) => {
  await signInAs("admin");
  await page.goto("/admin/connections");
  const box = page.getByTestId("connection-imap");
  await box.getByRole("button", { name: "Test these settings" }).click();
  await expect(box.getByTestId("test-result-imap")).toContainText(/Works: Logged in to 127\.0\.0\.1:\d+ as sales; INBOX has \d+ messages/);
  await box.getByLabel("Port").fill("99999");
  await box.getByRole("button", { name: "Test these settings" }).click();
  await expect(box.getByTestId("test-result-imap")).toContainText("Failed: Port: must be between 1 and 65535");
});
