import { DEMO_API_KEY } from "../db/seed/seed-demo";
import { DEMO_CALCOM_SECRET } from "../scripts/demo-meetings";
import { calcomBooking, calcomDelivery } from "../test/stand-ins/calcom";
import { expect, test } from "./fixtures";

// The act decision's booking link, end to end on the demo: a form lead that is a low-risk fit gets
// an email with its routed owner's prefilled Cal.com link (the demo's SMTP stand-in), then books
// through Cal.com's signed webhook, and the meeting shows on the package and in /metrics.

test("[AGENT][BOOKING_LINK]: a form lead gets its owner's prefilled link by email; the booking webhook puts the meeting on the package and in /metrics", async ({
  page,
  request,
  signInAs,
}, testInfo) => {
  const stamp = Date.now();
  const email = `tom.${stamp}@smallco-meetings.example`;
  const intake = await request.post("/api/v1/intake", {
    headers: { Authorization: `Bearer ${DEMO_API_KEY}` },
    data: {
      externalId: `e2e-meetings-${stamp}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      contact: { name: "Tom Baker", email, company: "Smallco" },
      fields: { message: "We want help qualifying leads from our website forms." },
    },
  });
  expect(intake.status()).toBe(200);
  const { handoffId, decision } = (await intake.json()) as { handoffId: string; decision: string };
  expect(decision).toBe("act");

  // The package names its owner and the lead's link: the owner's own Cal.com page, prefilled.
  await signInAs("admin");
  await page.goto(`/handoffs/${handoffId}`);
  const link = new URL((await page.getByTestId("booking-link").textContent())!.trim());
  expect(link.hostname).toBe("cal.com");
  expect(link.pathname).not.toMatch(/^\/team\//);
  expect(link.searchParams.get("email")).toBe(email);
  expect(link.searchParams.get("name")).toBe("Tom Baker");
  expect(link.searchParams.get("metadata[baton]")).toBe(`bt_${handoffId}`);

  // The email the lead received carries exactly that link.
  await expect(async () => {
    await page.goto("/admin/messages");
    const toLead = page.getByTestId("demo-email-message").filter({ hasText: `to ${email}` });
    await expect(toLead).toHaveCount(1);
    await expect(toLead.getByTestId("demo-email-link")).toHaveText(link.toString());
  }).toPass({ timeout: 20_000 });
  await expect(async () => {
    await page.goto(`/handoffs/${handoffId}`);
    await expect(page.getByTestId("timeline-entry").filter({ hasText: `sent the booking link to ${email}` })).toHaveCount(1);
  }).toPass({ timeout: 10_000 });

  await signInAs("manager");
  await page.goto("/metrics");
  const bookedBefore = Number(await page.getByTestId("meetings-booked").textContent());

  // Cal.com reports the booking, signed with the webhook's secret.
  const start = new Date(Date.now() + 3 * 86_400_000);
  start.setUTCHours(9, 0, 0, 0);
  const booked = calcomDelivery({
    secret: DEMO_CALCOM_SECRET,
    triggerEvent: "BOOKING_CREATED",
    payload: calcomBooking({
      uid: `e2e-${stamp}`,
      startTime: start.toISOString(),
      organizer: { name: "Dana Reyes", email: "rep@baton.demo", timeZone: "UTC" },
      attendee: { name: "Tom Baker", email },
      metadata: { baton: `bt_${handoffId}` },
    }),
  });
  const delivered = await request.post("/api/v1/bookings/calcom", { headers: booked.headers, data: booked.body });
  expect(delivered.status()).toBe(200);
  const forged = await request.post("/api/v1/bookings/calcom", { headers: { ...booked.headers, "x-cal-signature-256": "0".repeat(64) }, data: booked.body });
  expect(forged.status()).toBe(401);

  await page.goto(`/handoffs/${handoffId}`);
  await expect(page.getByTestId("package-meeting")).toHaveCount(1);
  await expect(page.getByTestId("package-meeting")).toContainText("Booked");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Meeting booked for" })).toHaveCount(1);
  await page.getByTestId("package-meetings").screenshot({ path: testInfo.outputPath("package-meetings.png") });

  await page.goto("/metrics");
  await expect(page.getByTestId("meetings-booked")).toHaveText(String(bookedBefore + 1));
  await page.getByTestId("metrics-meetings").screenshot({ path: testInfo.outputPath("metrics-meetings.png") });
});
