import { jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";
import { handleBookingWebhook, MAX_BOOKING_BYTES } from "@/lib/meetings/handle-booking-webhook";

// Authenticated by the provider's signature over the raw body inside handleBookingWebhook: no session here.
export const POST = jsonRoute("POST /api/v1/bookings/calendly", async (log, request) => {
  const body = await readLimited(request, MAX_BOOKING_BYTES);
  if (body === null) return payloadTooLarge(`The body is larger than ${MAX_BOOKING_BYTES / 1024} KB.`);
  const reply = await handleBookingWebhook("calendly", { headers: request.headers, body }, { log });
  return Response.json(reply.body, { status: reply.status });
});
