import { env } from "@/lib/env";
import { jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";
import { phaseTimer, serverTimingHeaders, timePhase } from "@/lib/http/server-timing";
import { handleIntake, MAX_INTAKE_BYTES } from "@/lib/intake/handle-intake";

// Authenticated by API key or HMAC signature inside handleIntake: this route has no session.
export const POST = jsonRoute("POST /api/v1/intake", async (log, request) => {
  // Timed only where INTAKE_SERVER_TIMING is on (the intake bench): every other request skips the clock.
  const timing = env().INTAKE_SERVER_TIMING === "on" ? phaseTimer() : undefined;
  const body = await timePhase(timing, "read", () => readLimited(request, MAX_INTAKE_BYTES));
  if (body === null) return payloadTooLarge(`The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.`);
  const reply = await handleIntake({ headers: request.headers, body }, { log, timing });
  const headers = { ...reply.headers, ...serverTimingHeaders(timing) };
  return Response.json(reply.body, { status: reply.status, headers });
});
