import { expect, type Page } from "@playwright/test";

export class InboxPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/inbox${query}`);
  }

  tab(name: "immediate" | "normal" | "nurture") {
    return this.page.getByTestId(`tab-${name}`);
  }

  async count(name: "immediate" | "normal" | "nurture"): Promise<number> {
    return Number(await this.page.getByTestId(`tab-count-${name}`).innerText());
  }

  rows() {
    return this.page.getByTestId("inbox-row");
  }

  /** Opens the first row whose status is the given one. */
  async openFirst(status: string) {
    const row = this.rows().filter({ has: this.page.getByTestId("status-badge").getByText(status, { exact: true }) }).first();
    await expect(row).toBeVisible();
    const name = await row.getByTestId("lead-link").innerText();
    await row.getByTestId("lead-link").click();
    return name;
  }
}
