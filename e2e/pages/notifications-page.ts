import { expect, type Page } from "@playwright/test";

export class NotificationsPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/notifications");
  }

  items() {
    return this.page.getByTestId("notification");
  }

  async setChannels(channels: { inApp: boolean; email: boolean; slack: boolean }, slackTarget = "") {
    const form = this.page.getByRole("form", { name: "Notification preferences" });
    await form.getByLabel("In the app (the bell)").setChecked(channels.inApp);
    await form.getByLabel("Email").setChecked(channels.email);
    await form.getByLabel("Slack", { exact: true }).setChecked(channels.slack);
    await form.getByLabel("Slack member or channel id (optional)").fill(slackTarget);
    await form.getByRole("button", { name: "Save preferences" }).click();
  }

  async expectSaved() {
    await expect(this.page.getByText("Notification preferences saved.")).toBeVisible();
  }
}
