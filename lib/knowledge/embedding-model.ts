import { embedMany } from "ai";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";

// The optional embedding model, on the LLM connection's server (/admin/connections, else the
// environment): OpenAI's wire format, POST {baseUrl}/embeddings, which OpenAI-compatible servers
// (vLLM, Ollama, LM Studio, llama.cpp) speak too. None without a key and a model name.

export type EmbeddingClient = {
  /** The model's name: stored with each vector, so a changed model never compares with another's. */
  model: string;
  embed: (texts: string[], options: { signal: AbortSignal }) => Promise<number[][]>;
};

export async function configuredEmbeddingModel(): Promise<EmbeddingClient | null> {
  let llm: { apiKey?: string; baseUrl?: string; embeddingModel?: string };
  try {
    llm = (await loadConnectionSettings()).llm;
  } catch {
    const e = env();
    llm = { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, embeddingModel: e.OPENAI_EMBEDDING_MODEL };
  }
  if (!llm.apiKey || !llm.embeddingModel) return null;
  return embeddingClient({ apiKey: llm.apiKey, baseURL: llm.baseUrl, model: llm.embeddingModel });
}

export function embeddingClient(settings: { apiKey: string; baseURL?: string; model: string }): EmbeddingClient {
  return {
    model: settings.model,
    embed: async (texts, { signal }) => {
      if (!texts.length) return [];
      // Imported when used: @ai-sdk/openai's default instance reads OPENAI_BASE_URL at load (see lib/agent/llm/provider.ts).
      const { createOpenAI } = await import("@ai-sdk/openai");
      const provider = createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL });
      const { embeddings } = await embedMany({ model: provider.embedding(settings.model), values: texts, abortSignal: signal, maxRetries: 0 });
      return embeddings;
    },
  };
}
