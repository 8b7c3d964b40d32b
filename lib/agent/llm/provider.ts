import type { LanguageModel } from "ai";

/** `responses` is OpenAI's current API; `chat` (chat completions) is what most OpenAI-compatible servers speak. */
export type LlmApi = "responses" | "chat";

export type LlmSettings = { apiKey: string; baseURL?: string; model: string; api?: LlmApi };

/**
 * The one place a model is built. Built per call, not at import: the SDK's default instance reads
 * OPENAI_BASE_URL once when loaded, so a changed setting (or a test's stand-in server) would be missed.
 */
export async function languageModel(settings: LlmSettings): Promise<LanguageModel> {
  // Loaded only when a model is configured: importing @ai-sdk/openai builds its default instance,
  // which throws on an empty OPENAI_BASE_URL even though an empty setting means "not set" here.
  const { createOpenAI } = await import("@ai-sdk/openai");
  const provider = createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL });
  return settings.api === "chat" ? provider.chat(settings.model) : provider.responses(settings.model);
}
