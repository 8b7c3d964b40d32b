import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { MetricsPage } from "./pages/metrics-page";

test.describe("manager metrics", () => {
  test("a manager changes the range and the breakdown, and exports the table as CSV", async ({ page, signInAs }) => {
    await signInAs("manager");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" }).click();
    const metrics = new MetricsPage(page);
    await expect(page.getByRole("heading", { name: "Metrics" })).toBeVisible();

    // The demo's packages are all from the last weeks: the default range holds every one of them,
    // and priority partitions them, so the slices add up to the headline.
    const created = Number(await metrics.kpi("created").textContent());
    expect(created).toBeGreaterThan(0);
    expect((await metrics.breakdownCreated()).reduce((a, b) => a + b, 0)).toBe(created);
    await expect(page.getByTestId("funnel-escalated")).toHaveText(String(created));

    // A range before any data: zero, and the tables say so instead of showing nothing.
    await metrics.setRange("2020-01-01", "2020-01-31");
    await expect(metrics.kpi("created")).toHaveText("0");
    await expect(metrics.kpi("acceptanceRate")).toHaveText("—");
    await expect(page.getByText("No packages were created in this range.")).toBeVisible();

    // Back to a range with data, broken down by owner; the URL holds the whole state.
    const today = new Date().toISOString().slice(0, 10);
    const quarterAgo = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    await metrics.setRange(quarterAgo, today);
    await expect(metrics.kpi("created")).toHaveText(String(created));
    await metrics.breakDownBy("Owner");
    await expect(page).toHaveURL(/by=owner/);
    await expect(page.getByRole("heading", { name: "By owner" })).toBeVisible();
    await expect(page.getByTestId("breakdown-table").getByRole("columnheader").first()).toHaveText("Owner");
    await page.reload();
    await expect(page.getByTestId("breakdown-table").getByRole("columnheader").first()).toHaveText("Owner");
    const ownerRows = await metrics.breakdownRows().count();
    expect(ownerRows).toBeGreaterThan(1);

    const download = await metrics.download("breakdown");
    expect(download.suggestedFilename()).toBe(`baton-by-owner-${quarterAgo}-to-${today}.csv`);
    const [header, ...records] = parseCsv(await readFile(await download.path(), "utf8"));
    expect(header!.slice(0, 3)).toEqual(["Owner", "Handoffs created", "Accepted"]);
    expect(records).toHaveLength(ownerRows);
    const column = (name: string) => records.map((record) => record[header!.indexOf(name)]);
    expect(
      column("Handoffs created")
        .map(Number)
        .reduce((a, b) => a + b, 0),
    ).toBe(created);
    // What the screen shows, with the unit in the header; the raw figure beside it.
    // Found by its header, not its position: a new column must not shift what is compared. The first
    // header is the row header's (a th), so a header's index is its td's position in the row.
    const screenHeaders = (await page.getByTestId("breakdown-table").getByRole("columnheader").allTextContents()).map((h) => h.trim());
    const screen = (name: string) => {
      const index = screenHeaders.indexOf(name);
      expect(index, `the screen's "${name}" column`).toBeGreaterThan(0);
      return metrics.breakdownRows().locator(`td:nth-of-type(${index})`).allTextContents();
    };
    expect(column("Acceptance rate (%)").map((v) => (v === "" ? "—" : `${v}%`))).toEqual(await screen("Acceptance rate"));
    expect(column("Time to first action (median)")).toEqual(await screen("Time to first action (median)"));
    expect(column("Converted value")).toEqual(await screen("Converted value"));
    expect(header).toContain("Time to first action (median) (seconds)");
    expect(header).toContain("Acceptance rate (fraction)");

    const rules = await metrics.download("rules");
    expect((await readFile(await rules.path(), "utf8")).split("\r\n")[0]).toBe(
      "rule,rule version,packages,accepted,converted,discarded,flagged poor,good,bad,precision (%),precision (fraction)",
    );
  });

  test("a wrong range in the URL is named, and the default is shown", async ({ page, signInAs }) => {
    await signInAs("admin");
    await new MetricsPage(page).goto("?from=2026-02-30&by=mood");
    await expect(page.getByTestId("metrics-problems")).toContainText('"from" must be a date like 2026-11-01');
    await expect(page.getByTestId("metrics-problems")).toContainText('"by" must be one of');
    await expect(page.getByRole("heading", { name: "By priority" })).toBeVisible();
  });

  test("a rep is refused the page and the export; a signed-out visitor is sent to sign in", async ({ page, signInAs, playwright }) => {
    await signInAs("rep");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Metrics" })).toHaveCount(0);
    await new MetricsPage(page).goto();
    await expect(page.getByTestId("forbidden")).toContainText("Metrics are for managers and admins.");
    const asRep = await page.request.get("/metrics/export?table=summary");
    expect(asRep.status()).toBe(403);
    expect(await asRep.text()).not.toContain("Handoffs created");

    const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const response = await anonymous.get("/metrics/export?table=summary", { maxRedirects: 0 });
    expect(response.status()).toBeGreaterThanOrEqual(300);
    expect(response.status()).toBeLessThan(400);
    expect(response.headers()["location"]).toMatch(/\/login/);
    await anonymous.dispose();
  });

  test("at 390 px the dashboard fits the screen; wide tables scroll inside their card", async ({ page, signInAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs("manager");
    await new MetricsPage(page).goto();
    await expect(page.getByTestId("breakdown-table")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

/** RFC 4180, as lib/csv.ts writes it: quoted fields may hold commas, quotes and line ends. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return records;
}
