import type { APIResponse, Page, Response } from "@playwright/test";
import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { ChatPage } from "./pages/chat-page";
import { expect, PASSWORD, test, users } from "./fixtures";

// Security headers, the CSP not getting in the app's way, payloads rendered as text, sign-in throttling.

type Headers = Record<string, string>;
const headersOf = (response: Response | APIResponse | null): Headers => {
  expect(response, "no response").not.toBeNull();
  return response!.headers();
};
const directive = (headers: Headers, name: string) =>
  headers["content-security-policy"]
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));

function expectCommonHeaders(headers: Headers) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
}

function expectPageCsp(headers: Headers, frameAncestors: string) {
  expectCommonHeaders(headers);
  expect(directive(headers, "script-src")).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'$/);
  expect(headers["content-security-policy"]).not.toContain("unsafe-eval");
  expect(directive(headers, "frame-ancestors")).toBe(`frame-ancestors ${frameAncestors}`);
}

/** Records CSP violations and dialogs from the first script on, and any console report of a blocked resource. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on("dialog", async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}

test("[ANONYMOUS] /login, /chat and the API carry the security headers; only /chat may be framed", async ({ request }) => {
  const login = headersOf(await request.get("/login"));
  expectPageCsp(login, "'none'");
  expect(login["x-frame-options"]).toBe("DENY");

  // No CHAT_WIDGET_ALLOWED_ORIGINS in the e2e server: the widget may be framed by this app only.
  const chat = headersOf(await request.get("/chat"));
  expectPageCsp(chat, "'self'");
  expect(chat["x-frame-options"]).toBeUndefined();

  for (const api of [await request.get("/api/health"), await request.post("/api/v1/intake", { data: {} })]) {
    const headers = headersOf(api);
    expectCommonHeaders(headers);
    expect(headers["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
  }

  // A fresh nonce each time, and Next's own scripts carry it.
  const again = headersOf(await request.get("/login"));
  expect(directive(again, "script-src")).not.toBe(directive(login, "script-src"));
});

test("[REP] the console's pages carry the headers, a session cookie that is HttpOnly and SameSite=Lax, and nonced scripts", async ({
  page,
  context,
  signInAs,
}) => {
  await signInAs("rep");
  const response = await page.goto("/inbox");
  const headers = headersOf(response);
  expectPageCsp(headers, "'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  const nonce = directive(headers, "script-src")!.match(/'nonce-([^']+)'/)![1];
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((n) => n === nonce)).toBe(true);

  const session = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
});

test("[MANAGER] /login, /inbox, a package page, /metrics and /chat render and hydrate with no CSP violation", async ({
  page,
  browser,
  loginPage,
  inboxPage,
  packagePage,
}) => {
  const problems = await watchForViolations(page);
  await loginPage.goto();
  await loginPage.signIn(users.manager, PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  // Hydrated: the inbox's client filters answer.
  await inboxPage.goto("?tab=immediate");
  const name = (await page.getByTestId("lead-link").first().innerText()).trim();
  await page.getByTestId("lead-link").first().click();
  await packagePage.expectLoaded(name);
  await page.goto("/metrics");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  const leadProblems = await watchForViolations(leadPage);
  const chat = new ChatPage(leadPage);
  await chat.goto();
  // The send button is enabled by React once there is text: the widget hydrated.
  await chat.say("Hi, I'm Jonas Berg from Fjord Analytics.", "What is the best email address to reach you?");
  await leadContext.close();

  expect(problems).toEqual([]);
  expect(leadProblems).toEqual([]);
});

test("[API][MANAGER] HTML and script in a lead's message and company render as text on the inbox and the package page", async ({
  page,
  request,
  loginPage,
  packagePage,
}) => {
  const problems = await watchForViolations(page);
  const marker = `Xss${Date.now()}`;
  const company = `<img src=x onerror="window.__pwned=1;alert('company')">Evil Corp`;
  const message = `We get 800 leads a month and need an AI agent this month. <script>window.__pwned=1;alert('message')</script><b>bold</b>`;
  const intake = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-xss-${marker}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      fields: { firstname: "Eve", lastname: marker, email: `eve.${marker.toLowerCase()}@evil-corp.example`, company, numemployees: "120", message },
    },
  });
  expect(intake.status()).toBe(200);

  await loginPage.goto();
  await loginPage.signIn(users.manager, PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await page.goto(`/inbox?tab=all&q=${marker}`);
  const row = page.getByTestId("lead-link").filter({ hasText: marker });
  await expect(row).toHaveCount(1);
  await expect(page.locator("main")).toContainText("<img src=x onerror=");
  await row.click();
  await packagePage.expectLoaded(`Eve ${marker}`);
  await expect(page.locator("main")).toContainText("<script>window.__pwned=1;alert('message')</script>");
  await expect(page.locator("main")).toContainText("<img src=x onerror=");

  expect(await page.locator('img[src="x"], main b:text-is("bold")').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
});

test("[LEAD][MANAGER] HTML in a chat message shows as text in the widget and in the package's transcript", async ({
  page,
  browser,
  loginPage,
  inboxPage,
  packagePage,
}) => {
  const leadContext = await browser.newContext();
  const leadPage = await leadContext.newPage();
  const leadProblems = await watchForViolations(leadPage);
  const chat = new ChatPage(leadPage);
  const payload = `<img src=x onerror="window.__pwned=1;alert('chat')"><script>window.__pwned=1</script>`;
  await chat.goto();
  await chat.say("Hi, I'm Ivo Kral from Brno Parcel.", "What is the best email address to reach you?");
  await chat.say("ivo.kral@brno-parcel.example", "What would you like help with");
  await chat.say(
    `We get about 700 inbound leads a month and need an AI agent to qualify them this month. ${payload}`,
    "I'm passing this to a person on our sales team",
  );
  await expect(chat.leadMessages().last()).toContainText(payload);
  expect(await leadPage.locator('img[src="x"]').count()).toBe(0);
  expect(await leadPage.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await leadContext.close();

  const problems = await watchForViolations(page);
  await loginPage.goto();
  await loginPage.signIn(users.manager, PASSWORD);
  await expect(page).toHaveURL(/\/inbox/);
  await inboxPage.goto("?tab=immediate&sort=created_at&q=Ivo");
  await page.getByTestId("lead-link").filter({ hasText: "Ivo Kral" }).first().click();
  await packagePage.expectLoaded("Ivo Kral");
  const transcript = page.getByTestId("transcript");
  await transcript.getByText(/Conversation \(\d+ messages\)/).click();
  await expect(transcript).toContainText(payload);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(problems).toEqual([]);
  expect(leadProblems).toEqual([]);
});

test("[ANONYMOUS] after 10 failed sign-ins the form says to wait, and the credentials callback answers 429", async ({ page, request, loginPage }, testInfo) => {
  // An address no demo user has, so no other spec's account gets locked.
  const email = `nobody.${Date.now()}@baton.demo`;
  await loginPage.goto();
  for (let attempt = 1; attempt <= 10; attempt++) {
    const answered = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login");
    await loginPage.signIn(email, `wrong-${attempt}`);
    await answered;
    await loginPage.expectError(attempt < 10 ? "Wrong email or password." : /^Too many sign-in attempts; try again in \d+ minutes?\.$/);
    // React resets the form after the action; the next attempt must not be typed into it before then.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await page.screenshot({ path: testInfo.outputPath("login-throttled.png") });
  await page.setViewportSize({ width: 390, height: 720 });
  await page.screenshot({ path: testInfo.outputPath("login-throttled-mobile.png") });

  const direct = await request.post("/api/auth/callback/credentials", { form: { email, password: "anything" }, maxRedirects: 0 });
  expect(direct.status()).toBe(429);
  expect(Number(direct.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await direct.json()).error.message).toMatch(/^Too many sign-in attempts/);
});
