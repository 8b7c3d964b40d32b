import { databaseUrl } from "@/db";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { handleIntake, MAX_INTAKE_BYTES } from "@/lib/intake/handle-intake";
import { logger } from "@/lib/logger";

// Authenticated by API key or HMAC signature inside handleIntake: this route has no session.
export async function POST(request: Request) {
  const log = logger.child({ route: "POST /api/v1/intake" });
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_INTAKE_BYTES) return Response.json({ error: { code: "payload_too_large", message: `The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.` } }, { status: 413 });
  try {
    const body = await readLimited(request, MAX_INTAKE_BYTES);
    if (body === null) return Response.json({ error: { code: "payload_too_large", message: `The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.` } }, { status: 413 });
    const reply = await handleIntake({ headers: request.headers, body }, { databaseUrl: databaseUrl(), log });
    return Response.json(reply.body, { status: reply.status, headers: reply.headers });
  } catch (error) {
    log.error("intake failed", { error });
    return Response.json({ error: { code: "internal", message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}

// Stops reading once the limit is passed, whatever Content-Length claimed.
async function readLimited(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
