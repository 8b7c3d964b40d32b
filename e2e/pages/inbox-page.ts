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

  /** The row the j/k keys are on. */
  focusedRow() {
    return this.page.locator('[data-testid="inbox-row"][aria-selected="true"]');
  }

  rowFor(leadName: string) {
    return this.rows().filter({ has: this.page.getByTestId("lead-link").filter({ hasText: leadName }) });
  }

  shortcutsDialog() {
    return this.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  }

  /** Moves the keyboard focus down to the first row with the given status; returns its position. */
  async focusFirst(status: string): Promise<number> {
    const statuses = await this.rows().getByTestId("status-badge").allInnerTexts();
    const index = statuses.indexOf(status);
    expect(index).toBeGreaterThanOrEqual(0);
    const selected = await this.rows().evaluateAll((rows) => rows.map((row) => row.getAttribute("aria-selected")));
    // With no row focused yet, the first j lands on row 0.
    for (let at = selected.indexOf("true"); at !== index; ) {
      await this.page.keyboard.press(at < index ? "j" : "k");
      at = at === -1 ? 0 : at < index ? at + 1 : at - 1;
      await expect(this.rows().nth(at)).toHaveAttribute("aria-selected", "true");
    }
    return index;
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
