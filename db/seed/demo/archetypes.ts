import type { Archetype } from "./archetype";
import { ambiguityArchetypes } from "./archetypes-ambiguity";
import { highValueArchetypes } from "./archetypes-high-value";
import { missingDataArchetypes } from "./archetypes-missing-data";
import { offerExceptionArchetypes } from "./archetypes-offer-exception";
import { riskComplaintArchetypes } from "./archetypes-risk-complaints";
import { riskSensitiveDataArchetypes } from "./archetypes-risk-sensitive-data";
import { riskTermsArchetypes } from "./archetypes-risk-terms";
import { sensitiveActionArchetypes } from "./archetypes-sensitive-action";

// Every archetype a slot can name, grouped in files by the first reason the policy gives for it.
// Priority follows the family: risk is immediate; high value is immediate with urgency, normal without;
// offer exceptions, ambiguity and sensitive actions are normal; missing data is nurture.
// Keys must stay unique across the families: a later spread would silently replace an earlier one.
export const archetypes = {
  ...riskTermsArchetypes,
  ...riskComplaintArchetypes,
  ...riskSensitiveDataArchetypes,
  ...highValueArchetypes,
  ...offerExceptionArchetypes,
  ...ambiguityArchetypes,
  ...sensitiveActionArchetypes,
  ...missingDataArchetypes,
} satisfies Record<string, Archetype>;

export type ArchetypeKey = keyof typeof archetypes;
