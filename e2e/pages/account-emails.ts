import { readFileSync } from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";

// The demo's SMTP stand-in keeps what it was sent (scripts/demo.ts writes where it listens).
type Sent = { to: string[]; subject: string; text: string };
const inspectUrl = () => (JSON.parse(readFileSync(".data/e2e/demo-endpoints.json", "utf8")) as { smtpInspectUrl: string }).smtpInspectUrl;

export async function sentTo(address: string): Promise<Sent[]> {
  const { messages } = (await (await fetch(inspectUrl())).json()) as { messages: Sent[] };
  return messages.filter((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase()));
}

/** The newest link to `path` in an email to `address`, waiting for it to arrive (after `seen` such emails). */
export async function emailedLink(address: string, path: "/login/invite" | "/login/reset", seen = 0): Promise<string> {
  const pattern = new RegExp(`https?://\\S+${path}/[A-Za-z0-9_-]{43}`);
  let link = "";
  await expect
    .poll(
      async () => {
        const links = (await sentTo(address)).map((m) => pattern.exec(m.text)?.[0]).filter((l): l is string => Boolean(l));
        link = links.length > seen ? links.at(-1)! : "";
        return link;
      },
      { message: `an email to ${address} with a ${path} link`, timeout: 15_000 },
    )
    .not.toBe("");
  return link;
}

/** Invites a person from /admin/users (the page must be signed in as an admin). */
export async function invite(page: Page, person: { name: string; email: string; role?: "rep" | "manager" | "admin"; team?: string }) {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Name").fill(person.name);
  await form.getByLabel("Email").fill(person.email);
  await form.getByLabel("Role").selectOption(person.role ?? "rep");
  // Unsaid: the form's default team.
  if (person.team !== undefined) await form.getByLabel("Team").selectOption(person.team);
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${person.email}.`)).toBeVisible();
}

/** Opens an emailed invitation or reset link in `page` and chooses the password. */
export async function choosePassword(page: Page, link: string, password: string) {
  await page.goto(link);
  const form = page.getByRole("form", { name: "Choose a password" });
  await form.getByLabel("New password", { exact: true }).fill(password);
  await form.getByLabel("Repeat the new password").fill(password);
  await form.getByRole("button", { name: /Set my password|Change my password/ }).click();
  await expect(page).toHaveURL(/\/login\?done=/);
}

/** A person invited by the admin in `adminPage`, who sets their password from the email, signed in in a browser of their own. */
export async function invitedAndSignedIn(
  browser: Browser,
  adminPage: Page,
  person: { name: string; email: string; password: string; team?: string },
): Promise<Page> {
  await invite(adminPage, person);
  const page = await (await browser.newContext()).newPage();
  await choosePassword(page, await emailedLink(person.email, "/login/invite"), person.password);
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}
