import { expect, type Page } from "@playwright/test";

/** /admin/rules: the rules editor, its simulation and the version history. */
export class RulesPage {
  constructor(private readonly page: Page) {}

  async goto(search = "") {
    await this.page.goto(`/admin/rules${search}`);
  }

  heading() {
    return this.page.getByRole("heading", { level: 1, name: "Escalation rules" });
  }

  volumeThreshold() {
    return this.page.getByLabel("Volume: leads a month at least");
  }

  rule(id: string) {
    return this.page.locator(`[data-testid="rule-card"][data-rule-id="${id}"]`);
  }

  async simulateRecent(limit: number) {
    await this.page.getByLabel("Number of recent intakes").fill(String(limit));
    await this.page.getByRole("button", { name: "Run simulation" }).click();
    await expect(this.simulationResult()).toBeVisible({ timeout: 20_000 });
  }

  simulationResult() {
    return this.page.getByTestId("simulation-result");
  }

  movedLead(name: string) {
    return this.page.getByTestId("moved-lead").filter({ hasText: name });
  }

  async saveDraft(note: string) {
    await this.page.getByLabel("Note for the history").fill(note);
    await this.page.getByRole("button", { name: "Save draft" }).click();
    await expect(this.page.getByTestId("rules-message")).toHaveText("Draft saved.");
  }

  async publish(note: string) {
    await this.page.getByLabel("Note for the history").fill(note);
    await this.page.getByRole("button", { name: /^Publish as version \d+$/ }).click();
    await expect(this.page.getByTestId("rules-message")).toContainText("Published as version");
  }

  version(version: number | "draft") {
    return this.page.locator(`[data-testid="rule-version"][data-version="${version}"]`);
  }

  async restore(version: number) {
    this.page.once("dialog", (dialog) => dialog.accept());
    await this.page.getByRole("button", { name: `Restore version ${version}` }).click();
  }
}
