import { decideByLink } from "@/lib/approvals/decide-by-link";
import { linkKeyFromEnv } from "@/lib/approvals/settings";
import { GENERIC_ERROR_MESSAGE, UserError } from "@/lib/errors";
import { readLimited } from "@/lib/http/read-limited";
import { logger } from "@/lib/logger";

// The confirmation page's form posts here. No session: the signed, single-use token is the authority,
// bound to the person it was emailed to. A GET never decides (mail scanners follow links).
export async function POST(request: Request) {
  const log = logger.child({ route: "POST /api/approvals/decide" });
  const raw = await readLimited(request, 8 * 1024);
  const token = raw === null ? null : new URLSearchParams(raw).get("token");
  // Back to the confirmation page, which reads the outcome from the database (never from the URL).
  const back = (outcome: "decided" | "refused") =>
    new Response(null, { status: 303, headers: { location: `/approvals/confirm/${encodeURIComponent(token ?? "-")}?outcome=${outcome}` } });
  // No token is no credential: refused like any unsigned request.
  if (!token) return Response.json({ error: { code: "unauthorized", message: "The form carries no approval token." } }, { status: 401 });
  const key = linkKeyFromEnv();
  if (!key) return Response.json({ error: { code: "unavailable", message: "Approval links are not configured (APPROVAL_LINK_SECRET or AUTH_SECRET)." } }, { status: 503 });
  try {
    await decideByLink(token, { key });
    return back("decided");
  } catch (error) {
    if (error instanceof UserError) {
      log.info("approval link refused", { reason: error.message });
      return back("refused");
    }
    log.error("approval link decision failed", { error });
    return Response.json({ error: { code: "internal", message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}
