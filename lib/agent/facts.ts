import type { Intent } from "@/lib/contract/package";

/** One thing the agent knows, with the words it came from: stated by the lead, or inferred with a basis. */
export type Fact<T = string> = {
  value: T;
  fragment: string;
  confirmed: boolean;
  basis?: string;
};

export type Identity = {
  name: Fact | null;
  email: Fact | null;
  phone: Fact | null;
  company: Fact | null;
  role: Fact | null;
  website: Fact | null;
};

export type FactSheet = {
  identity: Identity;
  emailDomain: string | null;
  freeEmail: boolean;
  need: Fact | null;
  intent: { value: Intent; basis: string };
  timelineDays: Fact<number> | null;
  employees: Fact<number> | null;
  monthlyLeads: Fact<number> | null;
  budget: Fact<{ amount: number; currency: string }> | null;
  tools: Fact[];
  language: "en" | "es";
  /** Everything the lead wrote (fields and messages), never the agent's words. */
  leadText: string;
};
