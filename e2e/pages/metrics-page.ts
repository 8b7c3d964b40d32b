import { expect, type Page } from "@playwright/test";

export class MetricsPage {
  constructor(private readonly page: Page) {}

  async goto(search = "") {
    await this.page.goto(`/metrics${search}`);
  }

  async setRange(from: string, to: string) {
    const form = this.page.getByTestId("range-form");
    await form.getByLabel("From").fill(from);
    await form.getByLabel("To").fill(to);
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(this.page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  }

  async breakDownBy(label: string) {
    await this.page.getByRole("navigation", { name: "Break down by" }).getByRole("link", { name: label, exact: true }).click();
  }

  kpi(key: string) {
    return this.page.getByTestId(`kpi-${key}`).getByTestId("kpi-value");
  }

  breakdownRows() {
    return this.page.getByTestId("breakdown-table").locator("tbody tr");
  }

  /** The breakdown's "Handoffs created" column, as numbers. */
  async breakdownCreated(): Promise<number[]> {
    const cells = await this.breakdownRows().locator("td:nth-of-type(1)").allTextContents();
    return cells.map((text) => Number(text.replaceAll(",", "")));
  }

  async download(table: string) {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId(`export-${table}`).first().click()]);
    return download;
  }
}
