import { decideByLink } from "@/lib/approvals/decide-by-link";
import { linkKeyFromEnv } from "@/lib/approvals/settings";
import { UserError } from "@/lib/errors";
import { errorResponse, jsonRoute } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

// The confirmation page's form posts here. No session: the signed, single-use token is the authority,
// bound to the person it was emailed to. A GET never decides (mail scanners follow links).
export const POST = jsonRoute("POST /api/approvals/decide", async (log, request) => {
  const raw = await readLimited(request, 8 * 1024);
  const token = raw === null ? null : new URLSearchParams(raw).get("token");
  // Back to the confirmation page, which reads the outcome from the database (never from the URL).
  const back = (outcome: "decided" | "refused") =>
    new Response(null, { status: 303, headers: { location: `/approvals/confirm/${encodeURIComponent(token ?? "-")}?outcome=${outcome}` } });
  // No token is no credential: refused like any unsigned request.
  if (!token) return errorResponse(401, "unauthorized", "The form carries no approval token.");
  const key = linkKeyFromEnv();
  if (!key) return errorResponse(503, "unavailable", "Approval links are not configured (APPROVAL_LINK_SECRET or AUTH_SECRET).");
  try {
    await decideByLink(token, { key });
    return back("decided");
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    log.info("approval link refused", { reason: error.message });
    return back("refused");
  }
});
