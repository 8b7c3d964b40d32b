import { z } from "zod";
import { intents } from "@/lib/contract/package";

// What the model must answer: the facts it read, each with the lead's exact words, and a sales note.
// Every key is required and "unknown" is null, because OpenAI's strict structured outputs refuse
// optional properties; the descriptions are the model's field-by-field instructions.

const fragment = z
  .string()
  .describe("The exact words in <lead_data> this was read from, copied character for character (a sentence or a 'field: value' line). Never paraphrase.");
const confirmed = z.boolean().describe("true when the lead stated it; false when you concluded it from something else.");
const basis = z.string().nullable().describe("When confirmed is false: what you concluded it from, in a few words. null when confirmed is true.");

const textFact = (what: string) =>
  z
    .object({ value: z.string().describe(what), fragment, confirmed, basis })
    .nullable()
    .describe(`${what}. null when the lead data does not say.`);
const numberFact = (what: string) =>
  z
    .object({ value: z.number().describe(what), fragment, confirmed, basis })
    .nullable()
    .describe(`${what}. null when the lead data does not say.`);

export const llmExtractionSchema = z.object({
  identity: z
    .object({
      name: textFact("The person's name"),
      email: textFact("Their email address, exactly as written"),
      phone: textFact("Their phone number, exactly as written"),
      company: textFact("The company they are with"),
      role: textFact("Their job title or role"),
      website: textFact("Their company's website or domain"),
    })
    .describe("Who the lead is."),
  need: textFact("What they want help with, in their own words (one sentence of theirs, not a paraphrase)"),
  intent: z
    .object({
      value: z.enum(intents).describe("What kind of request this is."),
      basis: z.string().describe("The words that point to it, or why no intent is clear."),
    })
    .describe("The kind of request."),
  employees: numberFact("How many people work at their company (the lower end when they give a range)"),
  monthlyLeads: numberFact("How many inbound leads they get a month (the lower end when they give a range)"),
  budget: z
    .object({
      value: z.object({
        amount: z.number().describe("The sum, in units of the currency (25k is 25000)."),
        currency: z.string().describe("ISO 4217 code of the currency the lead used, e.g. EUR, USD, GBP."),
      }),
      fragment,
      confirmed,
      basis,
    })
    .nullable()
    .describe("A budget they state, with its currency. null when they give none."),
  timelineDays: numberFact("In how many days they want it in place (in three weeks is 21, this month is 30, today is 0)"),
  tools: z
    .array(z.object({ value: z.string().describe("The product's name, e.g. HubSpot."), fragment, confirmed, basis }))
    .describe("CRMs and other tools they say they use today. Empty when none are named."),
  summary: z
    .string()
    .describe(
      "A sales note of 5 to 8 lines separated by newlines: who they are, what they need, the context (team, volume, budget, tools, timing) and what is still unknown. Only names, numbers and email addresses that appear in <lead_data>; no priority, decision or next step.",
    ),
});

export type LlmExtraction = z.infer<typeof llmExtractionSchema>;
