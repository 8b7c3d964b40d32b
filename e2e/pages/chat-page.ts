import { expect, type Page } from "@playwright/test";

/** The public chat widget, as a lead uses it. */
export class ChatPage {
  constructor(private readonly page: Page) {}

  async goto() {
    await this.page.goto("/chat");
    await expect(this.agentMessages().first()).toContainText("assistant of our sales team");
  }

  agentMessages() {
    return this.page.getByTestId("agent-message");
  }

  leadMessages() {
    return this.page.getByTestId("lead-message");
  }

  input() {
    return this.page.getByLabel("Your message");
  }

  sendButton() {
    return this.page.getByRole("button", { name: "Send" });
  }

  /** Sends one message and waits for the agent's answer (or, once a person has the lead, for the send to finish). */
  async say(text: string, expectReply: string | RegExp | null) {
    const before = await this.agentMessages().count();
    await this.input().fill(text);
    await this.sendButton().click();
    await expect(this.leadMessages().last()).toHaveText(`You: ${text}`);
    if (expectReply === null) {
      await expect(this.page.getByTestId("handover-notice").last()).toBeVisible();
      await expect(this.agentMessages()).toHaveCount(before);
      return;
    }
    await expect(this.agentMessages()).toHaveCount(before + 1);
    await expect(this.agentMessages().last()).toContainText(expectReply);
  }
}
