import type { LanguageModel } from "ai";
import type { Traceability } from "@/lib/agent/build-package";
import { extractFacts } from "@/lib/agent/extract";
import { extractFactsWithLlm, type LlmFailure } from "@/lib/agent/llm/extract-with-llm";
import { languageModel, type LlmApi } from "@/lib/agent/llm/provider";
import type { DroppedFact } from "@/lib/agent/llm/validate-extraction";
import { checkSummaryGrounding } from "@/lib/agent/summary-grounding";
import { triage, type TriageResult } from "@/lib/agent/triage";
import type { IntakeEvent } from "@/lib/contract/intake";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { CompiledRuleSet } from "@/lib/rules/compile";

export type AgentSource = "deterministic" | "llm" | "llm_fallback";

export type AgentRun = TriageResult & {
  /** Who read the lead: the deterministic agent, the model, or the deterministic agent after the model failed. */
  agentSource: AgentSource;
  fallbackReason?: LlmFailure;
  /** Facts the model gave that its quoted words do not support: never used. */
  droppedFacts: DroppedFact[];
  /** Who wrote the package's summary; null when there is no package. */
  summarySource: "llm" | "deterministic" | null;
  /** Why the model's summary was not used, when it was not. */
  summaryRejected?: string;
};

export type RunAgentOptions = {
  trace?: Traceability;
  owner?: string | null;
  /** A model to use instead of the configured one (tests pass an `ai/test` mock). Not a model id string: that would go to the AI Gateway. */
  model?: Exclude<LanguageModel, string>;
  /** Which OpenAI API the configured model speaks; most compatible servers only have `chat`. */
  api?: LlmApi;
  /** The model settings, when the caller read them beside its other reads (agentModelSettings); read here otherwise. */
  llm?: AgentModelSettings;
};

const log = logger.child({ component: "agent" });

/**
 * Triage with the model reading the lead when one is configured (OPENAI_API_KEY), the deterministic
 * agent otherwise. Either way the rules engine decides; the model only supplies validated facts and
 * a summary that must pass the grounding check. A timeout, an error or an answer that does not fit
 * the schema falls back to the deterministic agent, and the result says so.
 */
export async function runAgent(event: IntakeEvent, rules: CompiledRuleSet, options: RunAgentOptions = {}): Promise<AgentRun> {
  const settings = env();
  // A model passed in (tests) needs no settings; otherwise those saved on /admin/connections, else the environment.
  const llm = options.model ? null : (options.llm ?? (await agentModelSettings()));
  const base = { trace: options.trace, owner: options.owner };
  const model = options.model ?? (llm?.apiKey ? await languageModel({ apiKey: llm.apiKey, baseURL: llm.baseUrl, model: llm.model, api: options.api }) : null);
  if (!model) {
    const result = triage(event, rules, base);
    return { ...result, agentSource: "deterministic", droppedFacts: [], summarySource: packageOf(result) ? "deterministic" : null };
  }

  const injection = (sentence: string) => rules.hasFamily(sentence, "injection");
  const baseline = extractFacts(event, { freeEmailDomains: rules.ruleSet.freeEmailDomains, ignoreSentence: injection });
  const extraction = await extractFactsWithLlm({ event, rules, baseline, model, timeoutMs: settings.OPENAI_TIMEOUT_MS }).catch((error: unknown) => ({
    // validateExtraction is pure, but a bug there must cost the model's help, never the lead.
    ok: false as const,
    reason: "provider_error" as const,
    detail: error instanceof Error ? error.name : "unknown error",
  }));

  if (!extraction.ok) {
    const result = triage(event, rules, base);
    log.warn("model unavailable: the deterministic agent triaged the lead", {
      externalId: result.decision.externalId,
      reason: extraction.reason,
      detail: extraction.detail,
    });
    return {
      ...result,
      agentSource: "llm_fallback",
      fallbackReason: extraction.reason,
      droppedFacts: [],
      summarySource: packageOf(result) ? "deterministic" : null,
    };
  }

  // A summary that carries instructions is not offered at all: a person reads it, and it must not talk to them in the lead's voice.
  const instructs = injection(extraction.summary);
  const result = triage(event, rules, { ...base, facts: extraction.facts, ...(instructs ? {} : { summary: extraction.summary }) });
  const grounding = instructs ? { ok: false as const, reason: "it carries instructions aimed at the agent" } : checkSummaryGrounding(extraction.summary, event);
  const hasPackage = packageOf(result) !== null;
  if (extraction.dropped.length)
    log.info("model facts dropped: not supported by the lead's words", { externalId: result.decision.externalId, dropped: extraction.dropped });
  if (hasPackage && !grounding.ok)
    log.info("model summary rejected: the deterministic summary is kept", { externalId: result.decision.externalId, why: grounding.reason });
  return {
    ...result,
    agentSource: "llm",
    droppedFacts: extraction.dropped,
    summarySource: hasPackage ? (grounding.ok ? "llm" : "deterministic") : null,
    ...(hasPackage && !grounding.ok ? { summaryRejected: grounding.reason } : {}),
  };
}

function packageOf(result: TriageResult) {
  return result.decision.package ?? result.recordPackage;
}

export type AgentModelSettings = { apiKey?: string; baseUrl?: string; model: string };

/**
 * The model the agent uses: saved on /admin/connections, else the environment. A lead must never
 * fail because the saved settings cannot be read (database hiccup, wrong key): the environment's
 * model settings, or none, still let the agent triage it.
 */
export async function agentModelSettings(): Promise<AgentModelSettings> {
  try {
    return (await loadConnectionSettings()).llm;
  } catch (error) {
    log.warn("connection settings unreadable: the LLM settings come from the environment", { error: error instanceof Error ? error.name : "unknown error" });
    const e = env();
    return { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL };
  }
}
