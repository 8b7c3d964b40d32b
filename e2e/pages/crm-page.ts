import { expect, type Page } from "@playwright/test";

/** The package page's CRM card and the built-in CRM's record pages. */
export class CrmPage {
  constructor(private readonly page: Page) {}

  preview() {
    return this.page.getByTestId("crm-preview");
  }

  previewItem(kind: "contact" | "company" | "deal" | "ticket" | "note" | "task") {
    return this.page.getByTestId(`crm-preview-${kind}`);
  }

  async syncNow() {
    await this.preview().getByRole("button", { name: "Sync now" }).click();
    await expect(this.preview()).toContainText("Synced ");
  }

  async openContactFromTraceability() {
    await this.page.getByRole("link", { name: "Open contact in CRM" }).click();
    await expect(this.page).toHaveURL(/\/crm\/contacts\/[0-9a-f-]{36}$/);
  }

  notes() {
    return this.page.getByTestId("crm-notes");
  }

  tasks() {
    return this.page.getByTestId("crm-tasks");
  }

  associations() {
    return this.page.getByTestId("crm-associations");
  }
}
