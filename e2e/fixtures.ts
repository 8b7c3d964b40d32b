import { test as base, expect } from "@playwright/test";
import { ChatPage } from "./pages/chat-page";
import { InboxPage } from "./pages/inbox-page";
import { LoginPage } from "./pages/login-page";
import { NotificationsPage } from "./pages/notifications-page";
import { PackagePage } from "./pages/package-page";

// The demo seed's logins (db/seed/demo-data.ts).
export const users = {
  rep: "rep@baton.demo",
  rep2: "rep2@baton.demo",
  manager: "manager@baton.demo",
  admin: "admin@baton.demo",
} as const;
export const PASSWORD = "demo-password";

type Fixtures = {
  chatPage: ChatPage;
  loginPage: LoginPage;
  inboxPage: InboxPage;
  packagePage: PackagePage;
  notificationsPage: NotificationsPage;
  signInAs: (who: keyof typeof users) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  chatPage: async ({ page }, use) => use(new ChatPage(page)),
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  inboxPage: async ({ page }, use) => use(new InboxPage(page)),
  packagePage: async ({ page }, use) => use(new PackagePage(page)),
  notificationsPage: async ({ page }, use) => use(new NotificationsPage(page)),
  signInAs: async ({ page }, use) => {
    await use(async (who) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.signIn(users[who], PASSWORD);
      await expect(page).toHaveURL(/\/inbox/);
    });
  },
});

export { expect };
