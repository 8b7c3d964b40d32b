import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { choosePassword, emailedLink, invitedAndSignedIn } from "./pages/account-emails";
import { startOidcStandIn, type OidcStandIn } from "../test/stand-ins/oidc";

// How access starts and ends for a real team: single sign-on through a real OpenID Connect provider
// (oidc-provider on 127.0.0.1, its development login screen), and a password reset that ends the
// person's other sessions. The invitation's own path is admin-settings.spec's.

let oidc: OidcStandIn;
// Three browsers and a provider's screens each: more steps than the suite's default 30 s allows.
test.describe.configure({ timeout: 90_000 });

test.beforeAll(async ({ baseURL }) => {
  oidc = await startOidcStandIn({ redirectUris: [`${baseURL}/api/auth/callback/oidc`] });
});

test.afterAll(async ({ browser }) => {
  // Single sign-on off again, for the specs that follow on the same demo server.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByLabel("Work email").fill("admin@baton.demo");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto("/admin/connections");
  const form = page.getByRole("form", { name: "Single sign-on" });
  await form.getByLabel("Offer single sign-on on the sign-in page").uncheck();
  await form.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByText("Single sign-on settings saved.")).toBeVisible();
  await oidc.close();
});

test("[REP][SSO_SIGN_IN] signs in through the team's identity provider and lands in the inbox as themselves", async ({ page, browser, signInAs }) => {
  const email = `sso.${randomUUID().slice(0, 8)}@baton.demo`;
  await signInAs("admin");
  await invitedAndSignedIn(browser, page, { name: "Sam Ortega", email, password: "sam-ortega-password" }).then((p) => p.context().close());

  await page.goto("/admin/connections");
  const form = page.getByRole("form", { name: "Single sign-on" });
  await form.getByLabel("Offer single sign-on on the sign-in page").check();
  await form.getByLabel("Issuer URL").fill(oidc.issuer);
  await form.getByLabel("Client ID").fill(oidc.clientId);
  await form.getByLabel("Client secret").fill(oidc.clientSecret);
  await form.getByLabel("Allowed email domains").fill("baton.demo");
  await form.getByRole("button", { name: "Save single sign-on" }).click();
  await expect(page.getByText("Single sign-on settings saved.")).toBeVisible();

  oidc.accounts.set("sam", { email, email_verified: true, name: "Sam Ortega" });
  const rep = await (await browser.newContext()).newPage();
  await rep.goto("/login");
  await rep.getByRole("button", { name: "Continue with single sign-on" }).click();
  // The provider's own screens: its development login (any password), then consent.
  await rep.locator('input[name="login"]').fill("sam");
  await rep.locator('input[name="password"]').fill("any");
  await rep.getByRole("button", { name: /sign-in/i }).click();
  await rep.getByRole("button", { name: /continue/i }).click();
  await expect(rep).toHaveURL(/\/inbox/);
  await rep.goto("/profile");
  await expect(rep.getByLabel("Name", { exact: true })).toHaveValue("Sam Ortega");
  await expect(rep.getByText(email)).toBeVisible();

  // A person the provider vouches for but Baton does not know is refused in words, with no session.
  oidc.accounts.set("stranger", { email: `nobody.${randomUUID().slice(0, 6)}@baton.demo`, email_verified: true });
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto("/login");
  await stranger.getByRole("button", { name: "Continue with single sign-on" }).click();
  await stranger.locator('input[name="login"]').fill("stranger");
  await stranger.locator('input[name="password"]').fill("any");
  await stranger.getByRole("button", { name: /sign-in/i }).click();
  const consent = stranger.getByRole("button", { name: /continue/i });
  if (await consent.isVisible()) await consent.click();
  await expect(stranger.getByTestId("sso-error")).toHaveText(/No Baton account uses that email address/);
  await stranger.goto("/inbox");
  await expect(stranger).toHaveURL(/\/login/);
});

test("[REP][RESET_PASSWORD] resets a forgotten password from the emailed link: it works once, and the rep's other browser is signed out on its next click", async ({
  page,
  browser,
  signInAs,
}) => {
  const email = `reset.${randomUUID().slice(0, 8)}@baton.demo`;
  await signInAs("admin");
  const elsewhere = await invitedAndSignedIn(browser, page, { name: "Rita Mensah", email, password: "rita-first-password" });

  const here = await (await browser.newContext()).newPage();
  await here.goto("/login");
  await here.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has a "Work email" too: type only once the reset form has replaced it.
  const resetForm = here.getByRole("form", { name: "Reset password" });
  await resetForm.getByLabel("Work email").fill(email);
  await resetForm.getByRole("button", { name: "Email me a link" }).click();
  await expect(here.getByTestId("forgot-notice")).toContainText("If an account uses that address");
  const link = await emailedLink(email, "/login/reset");

  await choosePassword(here, link, "rita-second-password");
  await expect(here.getByTestId("login-notice")).toContainText("every other session has ended");
  await here.getByLabel("Password").fill("rita-second-password");
  await here.getByRole("button", { name: "Sign in" }).click();
  await expect(here).toHaveURL(/\/inbox/);

  // The link is spent.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByRole("form", { name: "Choose a password" })).toHaveCount(0);
  await expect(again.getByText("This password reset link was already used. Ask for a new link from the sign-in page.")).toBeVisible();

  // The browser signed in with the old password is sent to sign in on its next click.
  await elsewhere.getByRole("link", { name: "Inbox", exact: true }).first().click();
  await expect(elsewhere).toHaveURL(/\/login/);
  // And the old password no longer works.
  await elsewhere.getByLabel("Work email").fill(email);
  await elsewhere.getByLabel("Password").fill("rita-first-password");
  await elsewhere.getByRole("button", { name: "Sign in" }).click();
  await expect(elsewhere.getByTestId("login-error")).toBeVisible();
});
