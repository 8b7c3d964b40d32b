import { randomUUID } from "node:crypto";
import { countRequest, findApiKeyAndCountRequest, type IntakeRecordedHook, recordIntake } from "@/db/queries/intake";
import { canonicalExternalId } from "@/lib/agent/external-id";
import { type AgentRun, agentModelSettings, runAgent } from "@/lib/agent/run-agent";
import { approvalsFor } from "@/lib/approvals/proposed-approvals";
import { describeIntakeErrors, type IntakeEvent, intakeEventSchema } from "@/lib/contract/intake";
import { env } from "@/lib/env";
import { tooDeepAt } from "@/lib/http/json-depth";
import { UNSTORABLE_MESSAGE, unstorableAt } from "@/lib/http/unstorable-text";
import { bearerToken, hashApiKey, verifySignature } from "@/lib/intake/credentials";
import { type PhaseTimer, timePhase } from "@/lib/http/server-timing";
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
export async function handleIntake(request: { headers: Headers; body: string }, options: { log: Logger; timing?: PhaseTimer }): Promise<IntakeReply> {
  if (Buffer.byteLength(request.body, "utf8") > MAX_INTAKE_BYTES)
    return refuse(413, "payload_too_large", `The body is larger than ${MAX_INTAKE_BYTES / 1024} KB.`);

  // One statement finds the key and counts the request in its rate window: "auth" is both.
  const admitted = await timePhase(options.timing, "auth", () => admitIntakeCaller(request));
  if (!admitted.ok) return admitted.reply;
  const caller = admitted.caller;

  const validated = await timePhase(options.timing, "parse", async () => parseIntakeBody(request.body));
  if (!validated.ok) return validated.reply;

  const { outcome, result } = await triageIntakeEvent(validated.event, { teamId: caller.teamId, timing: options.timing });
  options.log.info("intake", {
    externalId: outcome.externalId,
    duplicate: outcome.duplicate,
    decision: result.decision.decision,
    priority: result.decision.priority,
  });
  return { status: 200, body: outcome.response, headers: outcome.duplicate ? { "Idempotent-Replay": "true" } : undefined };
}

/**
 * The intake path after the edge: mask, triage, record in one transaction. Every channel that is
 * not the HTTP intake (the mailbox reader, the inbound-email webhook) comes in here with a parsed
 * event, so the agent, routing, SLA, outbox and approvals come with it. `onRecorded` adds the
 * channel's own rows to the same transaction.
 */
export async function triageIntakeEvent(
  validEvent: IntakeEvent,
  options: {
    teamId: string | null;
    onRecorded?: IntakeRecordedHook;
    /** The channel's part between triage and the record (the email's knowledge-base answer adds its open question), given the masked event. */
    onTriaged?: (result: AgentRun, event: IntakeEvent) => Promise<AgentRun>;
    timing?: PhaseTimer;
  },
) {
  const { event, externalId, intakeId, conversationId, rules, result } = await timePhase(options.timing, "triage", async () => {
    // Masked here, before anything is stored, triaged, logged or sent: the original never goes further.
    const { event } = maskIntakeEvent(validEvent);
    const externalId = event.externalId ?? canonicalExternalId(event);
    const intakeId = randomUUID();
    const conversationId = event.messages?.length ? randomUUID() : null;
    // Both reads at once (two pooled connections), not one after the other.
    const [rules, llm] = await Promise.all([activeRuleSet(), agentModelSettings()]);
    // With a model configured this may call it (bounded by OPENAI_TIMEOUT_MS); the rules still decide.
    const triaged = await runAgent(event, rules, { trace: { leadId: null, conversationId, intakeId, crmRecord: null }, llm });
    const result = options.onTriaged ? await options.onTriaged(triaged, event) : triaged;
    return { event, externalId, intakeId, conversationId, rules, result };
  });
  const outcome = await timePhase(options.timing, "record", () =>
    recordIntake({
      event,
      externalId,
      intakeId,
      conversationId,
      decision: { ...result.decision, externalId },
      recordPackage: result.recordPackage,
      agentSource: result.agentSource,
      teamId: options.teamId,
      emailDomain: result.facts.emailDomain,
      ruleVersion: rules.version,
      language: result.facts.language,
      approvals: approvalsFor(result.decision, result.recordPackage, { now: new Date(), ttlHours: env().APPROVAL_TTL_HOURS }),
      onRecorded: options.onRecorded,
    }),
  );
  return { outcome: { ...outcome, externalId, intakeId, conversationId }, result };
}

/**
 * Who is calling and whether they may now: the API key or the HMAC signature, then the per-source
 * rate limit. Every route that takes intake (the JSON API, raw inbound email) admits callers here.
 */
export async function admitIntakeCaller(request: {
  headers: Headers;
  body: string | Uint8Array;
}): Promise<{ ok: true; caller: Caller } | { ok: false; reply: IntakeReply }> {
  const caller = await authenticate(request);
  if ("error" in caller)
    return { ok: false, reply: caller.status === 403 ? refuse(403, "forbidden", caller.error) : refuse(401, "unauthorized", caller.error) };
  const limit = env().INTAKE_RATE_LIMIT_PER_MINUTE;
  const window = caller.window ?? (await countRequest({ key: "intake:signed", windowSeconds: 60 }));
  if (window!.count > limit) {
    const retryAfter = Math.max(1, Math.ceil((window!.windowStart.getTime() + 60_000 - Date.now()) / 1000));
    return {
      ok: false,
      reply: {
        ...refuse(429, "rate_limited", `More than ${limit} intakes a minute from this source; retry after ${retryAfter} s.`),
        headers: { "Retry-After": String(retryAfter) },
      },
    };
  }
  return { ok: true, caller };
}

async function authenticate(request: { headers: Headers; body: string | Uint8Array }): Promise<Caller | { error: string; status?: 403 }> {
  const token = bearerToken(request.headers.get("authorization"));
  if (token) {
    const key = await findApiKeyAndCountRequest({ keyHash: hashApiKey(token), windowSeconds: 60 });
    if (!key) return { error: "That API key is not valid (or was revoked)." };
    if (!key.scopes.includes("intake:write")) return { error: "This API key has no intake:write scope.", status: 403 };
    return { kind: "api_key", id: key.id, teamId: key.teamId, window: key };
  }
  const secret = env().INTAKE_SIGNING_SECRET;
  const signature = request.headers.get("x-baton-signature");
  if (signature && secret) {
    const check = verifySignature({
      secret,
      timestamp: request.headers.get("x-baton-timestamp"),
      signature,
      body: request.body,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    return check.ok ? { kind: "signature", teamId: null, window: null } : { error: `Signature refused: ${check.reason}.` };
  }
  return { error: "Send an API key (Authorization: Bearer …) or a signed request (X-Baton-Timestamp, X-Baton-Signature)." };
}

function refuse(status: number, code: string, message: string): IntakeReply {
  return { status, body: { error: { code, message } } };
}

// The body as an intake event, or the 400 that names its first problem.
function parseIntakeBody(body: string): { ok: true; event: IntakeEvent } | { ok: false; reply: IntakeReply } {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return { ok: false, reply: refuse(400, "bad_request", "The body is not valid JSON.") };
  }
  const deep = tooDeepAt(raw, MAX_INTAKE_DEPTH);
  if (deep) return { ok: false, reply: refuse(400, "bad_request", `${deep.slice(0, 3).join(".")}: nested more than ${MAX_INTAKE_DEPTH} levels deep.`) };
  const unstorable = unstorableAt(raw);
  if (unstorable) return { ok: false, reply: refuse(400, "bad_request", `${unstorable.join(".") || "(body)"}: ${UNSTORABLE_MESSAGE}.`) };
  const parsed = intakeEventSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIntakeErrors(parsed.error);
    return { ok: false, reply: { status: 400, body: { error: { code: "bad_request", message: problems[0], problems } } } };
  }
  return { ok: true, event: parsed.data };
}
