import { handleInboundEmailWebhook, MAX_INBOUND_EMAIL_BYTES } from "@/lib/email/handle-inbound-webhook";
import { jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimitedBytes } from "@/lib/http/read-limited";

// Authenticated by API key or HMAC signature inside the handler, exactly as POST /api/v1/intake.
export const POST = jsonRoute("POST /api/v1/inbound-email", async (log, request) => {
  const body = await readLimitedBytes(request, MAX_INBOUND_EMAIL_BYTES);
  if (body === null) return payloadTooLarge(`The message is larger than ${MAX_INBOUND_EMAIL_BYTES / 1024 / 1024} MB.`);
  const reply = await handleInboundEmailWebhook({ headers: request.headers, body }, { log });
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
});
