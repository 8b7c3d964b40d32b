import type { LanguageModel } from "ai";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";
import { languageModel } from "./provider";

/**
 * The model saved on /admin/connections, else the environment's; none when no key is set. A settings
 * read (or a model build) that fails costs what the model would have written, never the caller's answer.
 */
export async function configuredLanguageModel(): Promise<LanguageModel | null> {
  let llm: { apiKey?: string; baseUrl?: string; model: string };
  try {
    llm = (await loadConnectionSettings()).llm;
  } catch {
    const e = env();
    llm = { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL };
  }
  try {
    return llm.apiKey ? await languageModel({ apiKey: llm.apiKey, baseURL: llm.baseUrl, model: llm.model }) : null;
  } catch {
    return null;
  }
}
