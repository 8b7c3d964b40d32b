import type { HandoffPriority } from "@/db/schema/handoffs";
import type { HandoffPackage, Intent, ReasonCode } from "@/lib/contract/package";
import type { CompanyDef } from "./companies";
import type { Person } from "./lead-person";

// Archetypes: what a kind of lead writes, and what the default policy (triage-contract.md section 3)
// makes of it. In `turns`, `[key:words]` marks the words a fact was read from; the words stay in the
// lead's text and become the fact's fragment, so every fragment is verbatim.
// The archetypes themselves live in ./archetypes-*.ts, one file per reason family.

export type Lang = "en" | "es";
type Fit = HandoffPackage["qualification"]["fit"];
type NextAction = HandoffPackage["nextStep"]["action"];
type ProposedAction = HandoffPackage["proposedActions"][number];
export type Critical = "email" | "company" | "need";

export type Ctx = {
  /** The lead's company; throws for a slot without one, which is a mistake in the slot list. */
  company: () => CompanyDef;
  person: Person;
  /** A colleague at the same company (someone the lead names). */
  colleague: () => Person;
  int: (min: number, max: number, step?: number) => number;
  pick: <T>(items: readonly T[]) => T;
  num: (n: number) => string;
  numEs: (n: number) => string;
  money: (n: number) => string;
  currency: string;
  /** The volume rule counts budgets in USD or EUR only. */
  budgetCounts: boolean;
};

export type Draft = {
  lang: Lang;
  intent: Intent;
  fit: Fit;
  process: string | null;
  subject?: string;
  turns: string[];
  /** The need as a sales note puts it: no number or name the lead did not write. */
  needNote: string | null;
  employees?: number;
  monthlyLeads?: number;
  budget?: { amount: number; currency: string };
  timelineDays?: number;
  tools?: string[];
  urgency?: string;
  /** [code, rule id, evidence]: evidence is a marker key, "@email" for the address, or "=literal". */
  reasons: [ReasonCode, string, string][];
  whyFits?: string[];
  whyNot?: string[];
  inferred?: { field: string; value: string; basis: string; from?: string }[];
  questions?: string[];
  caution?: string;
  next: { action: NextAction; why: string };
  actions?: ProposedAction[];
  missing?: Critical[];
  /** Job titles to pick from; null when the lead gave none. */
  roles?: readonly string[] | null;
  /** Preferred entry page (a pageName from ./sources). */
  page?: string;
  phone?: boolean;
};

export type Archetype = { priority: HandoffPriority; build: (c: Ctx) => Draft };
