import { expect, type Page } from "@playwright/test";

export class PackagePage {
  constructor(private readonly page: Page) {}

  async expectLoaded(leadName: string) {
    await expect(this.page.getByRole("heading", { level: 1, name: leadName })).toBeVisible();
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
}
