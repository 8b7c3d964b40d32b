import type { Fact } from "@/lib/agent/facts";
import { splitSentences } from "@/lib/agent/lead-text";
import type { Intent } from "@/lib/contract/package";

const needCue =
  /\b(need|needs|want|wants|looking for|require|requires|would like|we'd like|interested in|help (us|me|with)|can you|could you|can your|is it possible|is that possible|how (can|do|much)|let's|move forward|struggl\w*|problem|issue|unqualified|duplicated|not working|launching|planning|plan to|project|proyecto|planeamos|necesit\w*|queremos|quisiéramos|quisieramos|buscamos|nos gustaría|nos gustaria|pueden|podéis|podrían|ayuda|problema)\b/iu;
// Sentences that say something, but not what the lead wants: a question about what we need from them,
// "just researching", a note about paying an invoice.
const notANeed =
  /^(?:¿\s*)?(?:what|which|who|why|qu[eé]|cu[aá]l|qui[eé]n|por qu[eé])\b[^.!?]*\b(?:you|your|necesit[aá]is|necesitas|necesitan|quer[eé]is)\b[^.!]*\?$|\bjust (?:researching|browsing|looking|exploring)\b|\bsolo (?:estoy |estamos )?(?:mirando|investigando|curioseando)\b|\b(?:paid|pay|settled|resend|sent|pagamos|pagado|pagar|reenviar)\b[^.!?]{0,40}\b(?:invoice|bill|factura|receipt|recibo)\b/iu;
const greeting = /^(hi|hello|hey|hola|buenas|good (morning|afternoon)|thanks|thank you|gracias|ok|okay)\b[\s,.!]*$/iu;

/**
 * The problem in the lead's own words: the first sentence that asks for something. Sentences that
 * instruct the agent, greet, or only say who they are do not count.
 */
export function extractNeed(text: string, ignore: (sentence: string) => boolean): Fact | null {
  const sentences = splitSentences(text).filter((s) => !ignore(s) && !greeting.test(s) && !notANeed.test(s));
  const asked = sentences.find((s) => needCue.test(s) && wordCount(s) >= 4);
  if (asked) return { value: asked, fragment: asked, confirmed: true };
  // A substantial message without a cue still says what they are after.
  const substantial = sentences.filter((s) => wordCount(s) >= 8 && !/@/.test(s));
  const first = substantial[0];
  return first ? { value: first, fragment: first, confirmed: true } : null;
}

const intentRules: [Intent, RegExp][] = [
  ["support", /\b(not working|doesn't work|broken|duplicated|bug|error|since your (integration|agent|bot)|stopped working|no funciona|duplicad\w*|fallo)\b/iu],
  ["quote", /\b(quote|quotation|pricing|price|cost|how much|proposal|presupuesto|precio|cotizaci[oó]n|propuesta)\b/iu],
  ["audit", /\b(audit|review of our (sales )?process|auditor[ií]a)\b/iu],
  ["partnership", /\b(white[- ]?label\w*|resell\w*|partner(ship)?|our (own )?clients|marca blanca|revend\w*|socio)\b/iu],
  [
    "integration",
    /\b(integrat\w*|connect\w*|sync\w*|write leads|go straight into|into (hubspot|pipedrive|salesforce|our crm)|self[- ]hosted|on[- ]prem\w*|conectar|integraci[oó]n)\b/iu,
  ],
  ["diagnosis", /\b(diagnos\w*|book a call|call|demo|meeting|qualif\w*|agent|bot|assistant|califi\w*|agente|llamada|reuni[oó]n)\b/iu],
  ["information", /\b(info|information|learn more|brochure|details|más información|informaci[oó]n)\b/iu],
];

export function classifyIntent(text: string): { value: Intent; basis: string } {
  for (const [intent, pattern] of intentRules) {
    const match = pattern.exec(text);
    if (match) return { value: intent, basis: `the lead writes "${match[0]}"` };
  }
  return { value: "other", basis: "no words that point to a specific intent" };
}

const knownTools = [
  "HubSpot",
  "Salesforce",
  "Pipedrive",
  "Zoho",
  "Microsoft Dynamics 365",
  "Dynamics 365",
  "Odoo",
  "Monday",
  "Zendesk",
  "Intercom",
  "Freshdesk",
  "Excel",
  "Google Sheets",
  "spreadsheets",
  "WordPress",
  "Typeform",
  "Webflow",
  "Shopify",
  "Gmail",
  "Outlook",
  "Slack",
  "Airtable",
  "Notion",
  "Mailchimp",
  "ActiveCampaign",
  "Calendly",
  "Zapier",
  "Make",
  "n8n",
  "LinkedIn Sales Navigator",
];

// Compiled once: "Make" and "Monday" only count capitalised (as product names, not verbs or days).
const toolPatterns = knownTools.map((tool) => ({
  tool,
  pattern: new RegExp(`\\b${tool.replace(/ /g, "\\s+")}\\b`, tool === "Make" || tool === "Monday" ? "" : "i"),
}));

export function extractTools(text: string): Fact[] {
  const found: Fact[] = [];
  const sentences = splitSentences(text);
  for (const { tool, pattern } of toolPatterns) {
    if (!pattern.test(text)) continue;
    const sentence = sentences.find((s) => pattern.test(s));
    if (sentence && !found.some((f) => f.value.includes(tool) || tool.includes(f.value))) found.push({ value: tool, fragment: sentence, confirmed: true });
  }
  return found;
}

export function detectLanguage(text: string): "en" | "es" {
  const spanish = (
    text.match(/\b(que|los|las|una|para|con|somos|queremos|nuestro|nuestra|necesitamos|hola|gracias|empresa|ventas|mes|está|también)\b/giu) ?? []
  ).length;
  const english = (text.match(/\b(the|and|we|our|you|your|with|for|need|want|is|are|this|that)\b/giu) ?? []).length;
  return spanish > english ? "es" : "en";
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
