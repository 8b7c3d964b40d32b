import { APICallError, generateText, NoObjectGeneratedError, NoOutputGeneratedError, Output, type LanguageModel } from "ai";
import type { FactSheet } from "@/lib/agent/facts";
import { extractionInstructions, leadPrompt, leadWords } from "@/lib/agent/llm/prompt";
import { llmExtractionSchema, type LlmExtraction } from "@/lib/agent/llm/schema";
import { validateExtraction, type DroppedFact } from "@/lib/agent/llm/validate-extraction";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { CompiledRuleSet } from "@/lib/rules/compile";

export type LlmFailure = "timeout" | "invalid_output" | "provider_error";

export type LlmExtractionResult =
  | { ok: true; facts: FactSheet; summary: string; dropped: DroppedFact[] }
  /** `detail` is safe to log: it never carries the lead's text, the model's text or a key. */
  | { ok: false; reason: LlmFailure; detail: string };

/**
 * The model reads the lead and writes the sales note; its answer is validated into a fact sheet
 * (see validateExtraction) that the rules engine then judges like any other. Failures come back as
 * values, so the caller can fall back to the deterministic agent and say why.
 */
export async function extractFactsWithLlm(input: {
  event: IntakeEvent;
  rules: CompiledRuleSet;
  /** The deterministic fact sheet: fills what the model leaves out. */
  baseline: FactSheet;
  model: LanguageModel;
  timeoutMs: number;
}): Promise<LlmExtractionResult> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  let output: LlmExtraction;
  try {
    const result = await generateText({
      model: input.model,
      instructions: extractionInstructions,
      prompt: leadPrompt(input.event),
      output: Output.object({ schema: llmExtractionSchema, name: "lead_facts", description: "The facts of one sales lead and a short sales note." }),
      abortSignal: timeout,
      // The deterministic agent is a good answer; retrying a failing model only delays the lead.
      maxRetries: 0,
    });
    output = result.output;
  } catch (error) {
    return { ok: false, ...describeFailure(error, timeout, input.timeoutMs) };
  }

  const isInstruction = (text: string) => input.rules.detectSignals({ text, email: null }).some((s) => s.family === "injection");
  const { facts, dropped } = validateExtraction({
    output,
    event: input.event,
    leadWords: leadWords(input.event),
    baseline: input.baseline,
    freeEmailDomains: input.rules.ruleSet.freeEmailDomains,
    isInstruction,
  });
  return { ok: true, facts, summary: output.summary, dropped };
}

function describeFailure(error: unknown, timeout: AbortSignal, timeoutMs: number): { reason: LlmFailure; detail: string } {
  if (timeout.aborted) return { reason: "timeout", detail: `no answer within ${timeoutMs} ms` };
  // These messages are the SDK's own fixed wording; the model's text stays out of the log.
  if (NoObjectGeneratedError.isInstance(error) || NoOutputGeneratedError.isInstance(error)) return { reason: "invalid_output", detail: error.message };
  // A server's error message can echo the request (the lead's text), so only its status is kept.
  if (APICallError.isInstance(error)) return { reason: "provider_error", detail: `HTTP ${error.statusCode ?? "?"} from the model API` };
  return { reason: "provider_error", detail: error instanceof Error ? error.name : "unknown error" };
}
