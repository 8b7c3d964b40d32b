import { jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";
import { handleIntake, MAX_INTAKE_BYTES } from "@/lib/intake/handle-intake";

// Authenticated by API key or HMAC signature inside handleIntake: this route has no session.
export const POST = jsonRoute("POST /api/v1/intake", async (log, request) => {
  const body = await readLimited(request, MAX_INTAKE_BYTES);
  if (body === null) return payloadTooLarge(`The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.`);
  const reply = await handleIntake({ headers: request.headers, body }, { log });
  return Response.json(reply.body, { status: reply.status, headers: reply.headers });
});
