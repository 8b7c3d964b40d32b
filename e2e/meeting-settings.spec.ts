import { expect, test } from "./fixtures";

// Booking links as settings: a rep's own on Notifications, the default and each team's on
// Admin › Meetings; anything but an https:// URL is refused, naming the field.

test("[REP][BOOKING_LINK]: a rep sets their own booking link; a non-https one is refused naming the field", async ({ page, signInAs }, testInfo) => {
  await signInAs("rep");
  await page.goto("/notifications");
  const field = page.getByRole("textbox", { name: "Booking link" });
  await field.fill("http://cal.com/dana-reyes");
  await page.getByRole("button", { name: "Save" }).last().click();
  await expect(page.getByText(/Booking link: must be an https:\/\/ URL/)).toBeVisible();
  await field.fill("https://cal.com/dana-reyes/intro");
  await page.getByRole("button", { name: "Save" }).last().click();
  await expect(page.getByText("Booking link saved.")).toBeVisible();
  await page.reload();
  await expect(field).toHaveValue("https://cal.com/dana-reyes/intro");
  await page.screenshot({ path: testInfo.outputPath("notifications-booking-link.png"), fullPage: true });
});

test("[ADMIN][BOOKING_LINK]: an admin sets the default and a team's link, and sees the bookings that matched no package", async ({
  page,
  signInAs,
}, testInfo) => {
  await signInAs("admin");
  await page.goto("/admin/meetings");
  await expect(page.getByRole("heading", { name: "Meetings", level: 1 })).toBeVisible();
  await page.getByRole("textbox", { name: "Default booking link" }).fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText(/Default booking link: must be an https:\/\/ URL/)).toBeVisible();
  await page.getByRole("textbox", { name: "Default booking link" }).fill("https://calendly.com/baton-sales/diagnosis");
  await page.getByRole("button", { name: "Save" }).first().click();
  await expect(page.getByText("Meetings settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Default booking link" })).toHaveValue("https://calendly.com/baton-sales/diagnosis");
  await expect(page.getByTestId("unmatched-empty").or(page.getByTestId("unmatched-bookings"))).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("admin-meetings.png"), fullPage: true });
  await page.goto("/admin/connections");
  await expect(page.getByTestId("connection-calcom")).toContainText("Cal.com bookings");
  await page.getByTestId("connection-calcom").screenshot({ path: testInfo.outputPath("connection-calcom.png") });
});
