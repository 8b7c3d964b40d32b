import { databaseUrl } from "@/db";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { readLimited } from "@/lib/http/read-limited";
import { handleIntake, MAX_INTAKE_BYTES } from "@/lib/intake/handle-intake";
import { logger } from "@/lib/logger";

const tooLarge = () => Response.json({ error: { code: "payload_too_large", message: `The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.` } }, { status: 413 });

// Authenticated by API key or HMAC signature inside handleIntake: this route has no session.
export async function POST(request: Request) {
  const log = logger.child({ route: "POST /api/v1/intake" });
  try {
    const body = await readLimited(request, MAX_INTAKE_BYTES);
    if (body === null) return tooLarge();
    const reply = await handleIntake({ headers: request.headers, body }, { databaseUrl: databaseUrl(), log });
    return Response.json(reply.body, { status: reply.status, headers: reply.headers });
  } catch (error) {
    log.error("intake failed", { error });
    return Response.json({ error: { code: "internal", message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}
