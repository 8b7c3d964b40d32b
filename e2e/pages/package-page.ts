import { expect, type Page } from "@playwright/test";

export class PackagePage {
  constructor(private readonly page: Page) {}

  async expectLoaded(leadName: string) {
    await expect(this.page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
  }

  /** Unfolds the detail behind the top card: qualification, sales context, contact and source. */
  async openLeadDetails() {
    const details = this.page.getByTestId("lead-details");
    if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  }

  status() {
    return this.page.getByTestId("status-badge").first();
  }

  timeline() {
    return this.page.getByTestId("timeline-entry");
  }

  async accept() {
    await this.page.getByRole("button", { name: "Accept" }).click();
  }

  async openDiscard() {
    await this.page.getByRole("button", { name: "Discard", exact: true }).click();
  }

  async submitDiscard(reason?: string) {
    if (reason) await this.page.getByLabel("Why are you discarding it?").selectOption({ label: reason });
    await this.page.getByRole("button", { name: "Discard package" }).click();
  }

  title() {
    return this.page.getByRole("heading", { level: 1 });
  }

  ownerName() {
    return this.page.getByTestId("owner-name");
  }

  toast(text: string | RegExp) {
    return this.page.locator("[data-sonner-toast]").filter({ hasText: text });
  }

  inferredFacts() {
    return this.page.getByTestId("inferred-fact");
  }

  confirmedFacts() {
    return this.page.getByTestId("confirmed-fact");
  }

  openQuestions() {
    return this.page.getByTestId("open-question");
  }

  snoozedBadge() {
    return this.page.getByTestId("snoozed-badge");
  }

  infoRequest() {
    return this.page.getByTestId("info-request");
  }

  /** Opens "Request more info", leaves only the given open questions ticked, adds the owner's own, and sends. */
  async requestMoreInfo(options: { keep: string[]; own: string[] }) {
    await this.page.getByRole("button", { name: "Request more info" }).click();
    const form = this.page.getByRole("form", { name: "Request more info" });
    for (const box of await form.getByRole("checkbox").all()) {
      const label = (await box.locator("xpath=..").innerText()).trim();
      await box.setChecked(options.keep.includes(label));
    }
    await form.getByLabel("Your own questions (one a line)").fill(options.own.join("\n"));
    await form.getByRole("button", { name: /Ask in the chat|Draft the email/ }).click();
  }

  async snoozeUntilTomorrow() {
    await this.page.getByRole("button", { name: "Snooze", exact: true }).click();
    await this.page.getByRole("form", { name: "Snooze" }).getByRole("button", { name: "Tomorrow 9:00" }).click();
  }

  async unsnooze() {
    await this.page.getByRole("button", { name: "Un-snooze" }).click();
  }

  async handBack(reason: string) {
    await this.page.getByRole("button", { name: "Hand back to the agent" }).click();
    const form = this.page.getByRole("form", { name: "Hand back to the agent" });
    await form.getByLabel("Why should the agent take it back?").fill(reason);
    await form.getByRole("button", { name: "Hand it back" }).click();
  }
}
