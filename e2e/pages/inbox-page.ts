import { expect, type Page } from "@playwright/test";

export class InboxPage {
  constructor(private readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/inbox${query}`);
    // Hydrated: the list's keys listen from here on.
    await expect(this.page.locator("[data-keys-ready]")).toHaveCount(1);
  }

  tab(name: "immediate" | "normal" | "nurture" | "all") {
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

  /** The cells of one column, top to bottom, by the table's column id (ownerName, value, priority…). */
  async columnTexts(column: string): Promise<string[]> {
    return (await this.rows().locator(`td[data-column="${column}"]`).allInnerTexts()).map((t) => t.trim());
  }

  async leadNames(): Promise<string[]> {
    return (await this.page.getByTestId("lead-link").allInnerTexts()).map((t) => t.trim());
  }

  /** Chooses filters; each applies as it is chosen (the URL says so before the next is picked). */
  async applyFilters(values: { owner?: string; team?: string; from?: string; to?: string }) {
    const applied = (param: string, value = "") => expect(this.page).toHaveURL(new RegExp(`[?&]${param}=${value}`));
    if (values.owner) {
      await this.page.getByLabel("Owner").selectOption({ label: values.owner });
      await applied("owner");
    }
    const more = async () => {
      const toggle = this.page.getByRole("button", { name: /^More filters/ });
      if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
    };
    if (values.team) {
      await more();
      await this.page.getByLabel("Team").selectOption({ label: values.team });
      await applied("team");
    }
    if (values.from) {
      await more();
      await this.page.getByLabel("Created from").fill(values.from);
      await applied("from", values.from);
    }
    if (values.to) {
      await more();
      await this.page.getByLabel("Created to").fill(values.to);
      await applied("to", values.to);
    }
  }

  /** Searches: the search applies on Enter. */
  async search(text: string) {
    await this.page.getByRole("searchbox").fill(text);
    await this.page.getByRole("searchbox").press("Enter");
    await expect(this.page).toHaveURL(/[?&]q=/);
  }

  /** Clears every filter and waits for the form to show none. */
  async clearFilters() {
    await this.page.getByRole("link", { name: "Clear" }).click();
    await expect(this.page.getByRole("link", { name: "Clear" })).toHaveCount(0);
  }

  async selectRows(leadNames: string[]) {
    for (const name of leadNames) await this.rowFor(name).getByTestId("row-select").check();
  }

  bulkBar() {
    return this.page.getByRole("region", { name: "Bulk actions" });
  }

  /** Lead names of the first `count` open rows (status Pending, Accepted or In follow-up). */
  async openRowNames(count: number): Promise<string[]> {
    const open = this.rows().filter({ has: this.page.getByTestId("row-select").and(this.page.locator(":enabled")) });
    const names = (await open.getByTestId("lead-link").allInnerTexts()).map((t) => t.trim());
    expect(names.length).toBeGreaterThanOrEqual(count);
    // Distinct names, so each one finds exactly its own row again.
    return [...new Set(names)].filter((n) => names.indexOf(n) === names.lastIndexOf(n)).slice(0, count);
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
    for (let at = selected.indexOf("true"); at !== index;) {
      await this.page.keyboard.press(at < index ? "j" : "k");
      at = at === -1 ? 0 : at < index ? at + 1 : at - 1;
      await expect(this.rows().nth(at)).toHaveAttribute("aria-selected", "true");
    }
    return index;
  }

  /** Opens the first row whose status is the given one. */
  async openFirst(status: string) {
    const row = this.rows()
      .filter({ has: this.page.getByTestId("status-badge").getByText(status, { exact: true }) })
      .first();
    await expect(row).toBeVisible();
    const name = await row.getByTestId("lead-link").innerText();
    await row.getByTestId("lead-link").click();
    return name;
  }
}
