import { randomUUID } from "node:crypto";
import { countRequest, findApiKeyAndCountRequest, recordIntake } from "@/db/queries/intake";
import { canonicalExternalId } from "@/lib/agent/external-id";
import { runAgent } from "@/lib/agent/run-agent";
import { approvalsFor } from "@/lib/approvals/proposed-approvals";
import { describeIntakeErrors, intakeEventSchema } from "@/lib/contract/intake";
import { env } from "@/lib/env";
import { tooDeepAt } from "@/lib/http/json-depth";
import { UNSTORABLE_MESSAGE, unstorableAt } from "@/lib/http/unstorable-text";
import { bearerToken, hashApiKey, verifySignature } from "@/lib/intake/credentials";
import { getBoss } from "@/lib/jobs/boss";
import type { Logger } from "@/lib/logger";
import { maskIntakeEvent } from "@/lib/privacy/mask-intake-event";
import { activeRuleSet } from "@/lib/rules/published";

export const MAX_INTAKE_BYTES = 256 * 1024;
/** Objects and arrays inside one another; the stored event is jsonb, which Postgres refuses past a few thousand. */
export const MAX_INTAKE_DEPTH = 32;

export type IntakeReply = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

type Window = { count: number; windowStart: Date };
type Caller = { kind: "api_key"; id: string; teamId: string | null; window: Window } | { kind: "signature"; teamId: null; window: null };

/**
 * POST /api/v1/intake, apart from HTTP: authenticate, rate-limit, validate, triage, persist.
 * Every refusal names the problem; nothing is written unless the whole intake is.
 */
export async function handleIntake(request: { headers: Headers; body: string }, options: { databaseUrl: string; log: Logger }): Promise<IntakeReply> {
  if (Buffer.byteLength(request.body, "utf8") > MAX_INTAKE_BYTES) return refuse(413, "payload_too_large", `The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.`);

  const caller = await authenticate(request);
  if ("error" in caller) return refuse(401, "unauthorized", caller.error);

  const limit = env().INTAKE_RATE_LIMIT_PER_MINUTE;
  const window = caller.window ?? (await countRequest({ key: "intake:signed", windowSeconds: 60 }));
  if (window.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((window.windowStart.getTime() + 60_000 - Date.now()) / 1000));
    return { ...refuse(429, "rate_limited", `More than ${limit} intakes a minute from this source; retry after ${retryAfter} s.`), headers: { "Retry-After": String(retryAfter) } };
  }

  let raw: unknown;
  try {
    raw = JSON.parse(request.body);
  } catch {
    return refuse(400, "bad_request", "The body is not valid JSON.");
  }
  const deep = tooDeepAt(raw, MAX_INTAKE_DEPTH);
  if (deep) return refuse(400, "bad_request", `${deep.slice(0, 3).join(".")}: nested more than ${MAX_INTAKE_DEPTH} levels deep.`);
  const unstorable = unstorableAt(raw);
  if (unstorable) return refuse(400, "bad_request", `${unstorable.join(".") || "(body)"}: ${UNSTORABLE_MESSAGE}.`);
  const parsed = intakeEventSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIntakeErrors(parsed.error);
    return { status: 400, body: { error: { code: "bad_request", message: problems[0], problems } } };
  }

  // Masked here, before anything is stored, triaged, logged or sent: the original never goes further.
  const { event } = maskIntakeEvent(parsed.data);
  const externalId = event.externalId ?? canonicalExternalId(event);
  const intakeId = randomUUID();
  const conversationId = event.messages?.length ? randomUUID() : null;
  const rules = await activeRuleSet();
  // With a model configured this may call it (bounded by OPENAI_TIMEOUT_MS); the rules still decide.
  const result = await runAgent(event, rules, { trace: { leadId: null, conversationId, intakeId, crmRecord: null } });
  const boss = await getBoss(options.databaseUrl);
  const outcome = await recordIntake({
    event,
    externalId,
    intakeId,
    conversationId,
    decision: { ...result.decision, externalId },
    recordPackage: result.recordPackage,
    agentSource: result.agentSource,
    teamId: caller.teamId,
    emailDomain: result.facts.emailDomain,
    ruleVersion: rules.version,
    approvals: approvalsFor(result.decision, result.recordPackage, { now: new Date(), ttlHours: env().APPROVAL_TTL_HOURS }),
    boss,
  });
  options.log.info("intake", { externalId, duplicate: outcome.duplicate, decision: result.decision.decision, priority: result.decision.priority });
  return { status: 200, body: outcome.response, headers: outcome.duplicate ? { "Idempotent-Replay": "true" } : undefined };
}

async function authenticate(request: { headers: Headers; body: string }): Promise<Caller | { error: string }> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token) {
    const key = await findApiKeyAndCountRequest({ keyHash: hashApiKey(token), windowSeconds: 60 });
    return key ? { kind: "api_key", id: key.id, teamId: key.teamId, window: key } : { error: "That API key is not valid (or was revoked)." };
  }
  const secret = env().INTAKE_SIGNING_SECRET;
  const signature = request.headers.get("x-baton-signature");
  if (signature && secret) {
    const check = verifySignature({ secret, timestamp: request.headers.get("x-baton-timestamp"), signature, body: request.body, nowSeconds: Math.floor(Date.now() / 1000) });
    return check.ok ? { kind: "signature", teamId: null, window: null } : { error: `Signature refused: ${check.reason}.` };
  }
  return { error: "Send an API key (Authorization: Bearer …) or a signed request (X-Baton-Timestamp, X-Baton-Signature)." };
}

function refuse(status: number, code: string, message: string): IntakeReply {
  return { status, body: { error: { code, message } } };
}
