import type { FactSheet } from "@/lib/agent/facts";
import { extractIdentity } from "@/lib/agent/identity";
import { collectLeadText, fieldAliases, findField } from "@/lib/agent/lead-text";
import { classifyIntent, detectLanguage, extractNeed, extractTools } from "@/lib/agent/need";
import { findBudget, findEmployees, findMonthlyLeads, findTimelineDays, parseAmount, parseRangeLowerBound } from "@/lib/agent/numbers";
import type { IntakeEvent } from "@/lib/contract/intake";

/**
 * The deterministic fact sheet: what the lead stated, with the words it came from, and what the
 * agent infers, with its basis. `ignoreSentence` drops text that tries to instruct the agent.
 */
export function extractFacts(event: IntakeEvent, options: { freeEmailDomains: readonly string[]; ignoreSentence: (s: string) => boolean }): FactSheet {
  const leadText = collectLeadText(event);
  const { identity, emailDomain, freeEmail } = extractIdentity(event, leadText, options.freeEmailDomains);

  const employeesField = findField(event.fields, fieldAliases.employees);
  const employeesFromField = employeesField ? parseRangeLowerBound(employeesField.text) : null;
  const employees =
    employeesFromField !== null
      ? {
          value: employeesFromField,
          fragment: `${employeesField!.name}: ${employeesField!.text}`,
          confirmed: true,
          basis: /\d\s*[-–]\s*\d/.test(employeesField!.text) ? "the lower end of the range they picked" : undefined,
        }
      : findEmployees(leadText);

  const leadsField = findField(event.fields, fieldAliases.monthlyLeads);
  const leadsFromField = leadsField ? parseRangeLowerBound(leadsField.text) : null;
  const monthlyLeads =
    leadsFromField !== null ? { value: leadsFromField, fragment: `${leadsField!.name}: ${leadsField!.text}`, confirmed: true } : findMonthlyLeads(leadText);

  const budgetField = findField(event.fields, fieldAliases.budget);
  const budget = findBudget(leadText) ?? (budgetField ? budgetFromField(budgetField) : null);

  const timelineField = findField(event.fields, fieldAliases.timeline);
  const timelineDays = findTimelineDays(leadText) ?? (timelineField ? findTimelineDays(`in ${timelineField.text}`) : null);

  return {
    identity,
    emailDomain,
    freeEmail,
    need: extractNeed(leadText, options.ignoreSentence),
    intent: classifyIntent(leadText),
    timelineDays,
    employees,
    monthlyLeads,
    budget,
    tools: extractTools(leadText),
    language: detectLanguage(leadText),
    leadText,
  };
}

function budgetFromField(field: { name: string; text: string }) {
  const currency = /€|eur/i.test(field.text) ? "EUR" : /£|gbp/i.test(field.text) ? "GBP" : /\$|usd/i.test(field.text) ? "USD" : null;
  const amount = parseAmount(field.text.replace(/[^\d.,km]/gi, ""));
  return amount && currency ? { value: { amount, currency }, fragment: `${field.name}: ${field.text}`, confirmed: true } : null;
}
