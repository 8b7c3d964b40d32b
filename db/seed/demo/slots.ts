import type { HandoffStatus } from "@/db/schema/handoffs";
import type { Channel } from "@/db/schema/leads";
import type { DiscardReason } from "@/lib/handoffs/discard-reasons";
import type { ArchetypeKey } from "./archetypes";
import { companyByKey, type CompanyKey } from "./companies";
import type { Country } from "./country";
import type { TeamKey, Who } from "./staff";

// The packages: one slot per handoff. `a` is the archetype (what the lead wrote and why it escalated);
// `re` is who routing first picked when a manager later moved it to `own`; `by` acts on an unowned one.

export type Slot = {
  key: string;
  a: ArchetypeKey;
  team: TeamKey;
  ch: Channel;
  st: HandoffStatus;
  /** Minutes before `now` that the lead came in. */
  age: number;
  co?: CompanyKey;
  /** For leads who gave no company: where they write from. */
  country?: Country;
  own?: Who;
  re?: Who | null;
  by?: Who;
  path?: "direct" | "accept" | "follow";
  won?: [amount: number, meetingBooked: boolean];
  drop?: DiscardReason;
  note?: string;
  /** The same lead sending the same request again (a duplicate package). */
  dup?: string;
};

const hr = (n: number) => n * 60;
const day = (n: number) => n * 24 * 60;

export const slots: Slot[] = [
  // Inbound EMEA: immediate
  { key: "emea-harbourline", a: "volume-urgent", team: "emea", ch: "form", st: "pending", age: 1, co: "harbourline" },
  { key: "emea-alvear", a: "volume-urgent-es", team: "emea", ch: "landing_page", st: "pending", age: 3, co: "alvear" },
  { key: "emea-brightwater", a: "discount-annual", team: "emea", ch: "email", st: "pending", age: 48, co: "brightwater" },
  { key: "emea-cobalt", a: "complaint-anon-chat", team: "emea", ch: "chat", st: "pending", age: hr(5), co: "cobalt" },
  { key: "emea-fernhill", a: "pricing-match", team: "emea", ch: "chat", st: "pending", own: "dana", age: 2, co: "fernhill" },
  { key: "emea-nubalia", a: "pricing-es", team: "emea", ch: "form", st: "pending", own: "dana", age: 6, co: "nubalia" },
  { key: "emea-atlantico", a: "sensitive-health", team: "emea", ch: "form", st: "pending", own: "dana", age: 95, co: "atlantico" },
  { key: "emea-kranich", a: "complaint-refund", team: "emea", ch: "email", st: "pending", own: "dana", re: null, age: day(2) + hr(3), co: "kranich" },
  { key: "emea-vettore", a: "budget-urgent", team: "emea", ch: "landing_page", st: "accepted", own: "dana", age: hr(26), co: "vettore" },
  { key: "emea-penrose", a: "legal-guarantee", team: "emea", ch: "email", st: "in_follow_up", own: "sam", age: day(3), co: "penrose" },
  {
    key: "emea-nordlys",
    a: "discount-annual",
    team: "emea",
    ch: "chat",
    st: "converted",
    own: "dana",
    path: "follow",
    won: [16500, true],
    age: day(8),
    co: "nordlys",
    note: "Signed at list price with onboarding included instead of the discount.",
  },
  {
    key: "emea-hostelia",
    a: "volume-urgent-es",
    team: "emea",
    ch: "form",
    st: "converted",
    own: "sam",
    path: "accept",
    won: [12800, true],
    age: day(6),
    co: "hostelia",
    note: "Diagnosis call done; agent build signed.",
  },
  {
    key: "emea-copperleaf",
    a: "sensitive-card",
    team: "emea",
    ch: "chat",
    st: "discarded",
    own: "sam",
    path: "accept",
    drop: "other",
    age: day(4),
    co: "copperleaf",
    note: "They only wanted a data migration that includes card numbers: out of scope. Asked them not to send the export.",
  },
  // Inbound EMEA: normal
  { key: "emea-meridian", a: "volume-planning", team: "emea", ch: "form", st: "pending", own: "sam", age: 50, co: "meridian" },
  { key: "emea-foxglove", a: "white-label", team: "emea", ch: "email", st: "pending", own: "sam", age: hr(7), co: "foxglove" },
  { key: "emea-clearpath", a: "ambiguity", team: "emea", ch: "landing_page", st: "pending", age: day(2), co: "clearpath" },
  { key: "emea-marin", a: "unsupported-crm-es", team: "emea", ch: "form", st: "pending", own: "sam", re: "dana", age: day(1) + hr(2), co: "marin" },
  { key: "emea-solaris", a: "update-crm-record", team: "emea", ch: "email", st: "pending", own: "sam", age: hr(3), co: "solaris" },
  { key: "emea-auerbach", a: "send-email-proposal", team: "emea", ch: "chat", st: "pending", age: hr(2), co: "auerbach" },
  { key: "emea-alpenblick", a: "unsupported-language", team: "emea", ch: "form", st: "pending", own: "sam", age: hr(20), co: "alpenblick" },
  { key: "emea-brabant", a: "create-deal", team: "emea", ch: "chat", st: "accepted", own: "dana", age: hr(30), co: "brabant" },
  { key: "emea-costaserena", a: "ambiguity-es", team: "emea", ch: "email", st: "in_follow_up", own: "sam", age: day(5), co: "costaserena" },
  { key: "emea-kvarnberg", a: "webinar-volume", team: "emea", ch: "landing_page", st: "in_follow_up", own: "sam", age: day(4), co: "kvarnberg" },
  {
    key: "emea-orfeo",
    a: "budget-audit",
    team: "emea",
    ch: "email",
    st: "converted",
    own: "sam",
    path: "follow",
    won: [24000, true],
    age: day(9) + hr(4),
    co: "orfeo",
    note: "Audit plus qualification agent signed after the workshop.",
  },
  {
    key: "emea-orfeo-repeat",
    dup: "emea-orfeo",
    a: "budget-audit",
    team: "emea",
    ch: "form",
    st: "discarded",
    own: "sam",
    path: "direct",
    drop: "duplicate",
    age: day(9),
    note: "Same request as their email a few hours earlier, already being handled.",
  },
  {
    key: "emea-lexa",
    a: "volume-es-normal",
    team: "emea",
    ch: "form",
    st: "converted",
    own: "dana",
    path: "accept",
    won: [9600, false],
    age: day(7),
    co: "lexa",
    note: "Signed the audit straight from the proposal; no meeting needed.",
  },
  {
    key: "emea-impulsa",
    a: "reseller-es",
    team: "emea",
    ch: "email",
    st: "discarded",
    own: "dana",
    path: "direct",
    drop: "competitor",
    age: day(6),
    co: "impulsa",
    note: "HubSpot agency building the same service for its own clients.",
  },
  {
    key: "emea-ferrante",
    a: "unsupported-crm",
    team: "emea",
    ch: "email",
    st: "discarded",
    own: "dana",
    path: "accept",
    drop: "not_a_fit",
    age: day(3) + hr(5),
    co: "ferrante",
    note: "Zoho only and no plan to move; we don't integrate with it.",
  },
  // Inbound EMEA: nurture
  { key: "emea-personal-scoring", a: "missing-company", team: "emea", ch: "email", st: "pending", age: hr(10), country: "GB" },
  { key: "emea-ribera", a: "missing-need-es", team: "emea", ch: "form", st: "pending", age: day(2) + hr(6), co: "ribera" },
  { key: "emea-vandijk", a: "missing-email", team: "emea", ch: "landing_page", st: "pending", own: "dana", age: day(4), co: "vandijk" },
  { key: "emea-thistle", a: "guide-download", team: "emea", ch: "landing_page", st: "accepted", own: "sam", age: day(2), co: "thistle" },
  {
    key: "emea-injection",
    a: "injection-spam",
    team: "emea",
    ch: "form",
    st: "discarded",
    by: "sam",
    path: "direct",
    drop: "spam",
    age: day(5) + hr(2),
    country: "GB",
    note: "Prompt-injection attempt, no real request.",
  },
  {
    key: "emea-personal-pipedrive",
    a: "missing-company-es",
    team: "emea",
    ch: "email",
    st: "discarded",
    own: "dana",
    path: "accept",
    drop: "unreachable",
    age: day(9) + hr(8),
    country: "ES",
    note: "Wrote twice asking for the company; no reply.",
  },
  { key: "emea-hoffmann", a: "missing-need", team: "emea", ch: "form", st: "pending", age: 30, co: "hoffmann" },

  // Inbound Americas: immediate
  { key: "amer-ridgeline", a: "volume-urgent", team: "americas", ch: "chat", st: "pending", age: 4, co: "ridgeline" },
  { key: "amer-parcelwise", a: "pricing-match", team: "americas", ch: "form", st: "pending", own: "priya", age: hr(3), co: "parcelwise" },
  { key: "amer-mapleledger", a: "cancellation-sync", team: "americas", ch: "email", st: "pending", age: 20, co: "mapleledger" },
  { key: "amer-tandem", a: "budget-urgent", team: "americas", ch: "landing_page", st: "accepted", own: "priya", age: hr(9), co: "tandem" },
  {
    key: "amer-sentryridge",
    a: "nda-dpa",
    team: "americas",
    ch: "email",
    st: "converted",
    own: "priya",
    path: "follow",
    won: [38000, true],
    age: day(9) + hr(20),
    co: "sentryridge",
    note: "NDA and DPA signed after legal review; audit and rollout agreed.",
  },
  {
    key: "amer-sierramadre",
    a: "volume-urgent-es",
    team: "americas",
    ch: "chat",
    st: "discarded",
    own: "priya",
    path: "accept",
    drop: "went_elsewhere",
    age: day(5),
    co: "sierramadre",
    note: "Chose a local agency that could start sooner.",
  },
  { key: "amer-summitpeak", a: "legal-guarantee", team: "americas", ch: "chat", st: "in_follow_up", own: "priya", age: day(2) + hr(1), co: "summitpeak" },
  // Inbound Americas: normal
  { key: "amer-lattice", a: "volume-planning", team: "americas", ch: "landing_page", st: "pending", own: "priya", age: 70, co: "lattice" },
  { key: "amer-vilanova", a: "unsupported-language", team: "americas", ch: "form", st: "pending", own: "priya", re: null, age: day(1) + hr(1), co: "vilanova" },
  { key: "amer-northernarc", a: "send-email-proposal", team: "americas", ch: "chat", st: "pending", age: hr(6), co: "northernarc" },
  { key: "amer-brightside", a: "ambiguity", team: "americas", ch: "email", st: "in_follow_up", own: "priya", age: day(3), co: "brightside" },
  {
    key: "amer-anchorpoint",
    a: "create-deal",
    team: "americas",
    ch: "form",
    st: "converted",
    own: "priya",
    path: "accept",
    won: [7500, true],
    age: day(6) + hr(3),
    co: "anchorpoint",
    note: "Audit signed; kickoff call booked.",
  },
  {
    key: "amer-loopstudio",
    a: "white-label",
    team: "americas",
    ch: "landing_page",
    st: "discarded",
    own: "priya",
    path: "direct",
    drop: "not_a_fit",
    age: day(4) + hr(2),
    co: "loopstudio",
    note: "Small agency with no client base to resell to yet.",
  },
  { key: "amer-andescargo", a: "update-status", team: "americas", ch: "email", st: "accepted", own: "priya", age: hr(14), co: "andescargo" },
  // Inbound Americas: nurture
  { key: "amer-personal-followup", a: "missing-company", team: "americas", ch: "form", st: "pending", age: day(1) + hr(4), country: "US" },
  { key: "amer-greenway", a: "missing-need", team: "americas", ch: "landing_page", st: "pending", own: "priya", age: hr(5), co: "greenway" },
  { key: "amer-lakeshore", a: "missing-email", team: "americas", ch: "form", st: "in_follow_up", own: "priya", age: day(6), co: "lakeshore" },
  {
    key: "amer-bluemesa",
    a: "guide-download",
    team: "americas",
    ch: "landing_page",
    st: "discarded",
    own: "priya",
    path: "accept",
    drop: "unreachable",
    age: day(8),
    co: "bluemesa",
    note: "Tried email and phone over a week, no answer.",
  },
  { key: "amer-personal-mx", a: "missing-company-es", team: "americas", ch: "form", st: "pending", age: day(3) + hr(2), country: "MX" },

  // Enterprise: immediate
  { key: "ent-albion", a: "nda-dpa", team: "enterprise", ch: "form", st: "pending", age: 2, co: "albion" },
  { key: "ent-meridia", a: "dpa-es", team: "enterprise", ch: "email", st: "pending", own: "lucas", age: hr(4), co: "meridia" },
  { key: "ent-kingsbridge", a: "sensitive-health", team: "enterprise", ch: "chat", st: "accepted", own: "lucas", age: hr(20), co: "kingsbridge" },
  { key: "ent-brenner", a: "volume-urgent", team: "enterprise", ch: "landing_page", st: "in_follow_up", own: "lucas", age: day(3) + hr(4), co: "brenner" },
  {
    key: "ent-oranje",
    a: "discount-annual",
    team: "enterprise",
    ch: "email",
    st: "converted",
    own: "lucas",
    path: "follow",
    won: [42000, true],
    age: day(9) + hr(12),
    co: "oranje",
    note: "Longer term signed; the discount was traded for a case study.",
  },
  // Enterprise: normal
  { key: "ent-thamesgate", a: "on-prem", team: "enterprise", ch: "form", st: "pending", own: "lucas", age: hr(2), co: "thamesgate" },
  {
    key: "ent-cascadia",
    a: "salesforce-enterprise",
    team: "enterprise",
    ch: "email",
    st: "pending",
    own: "lucas",
    re: null,
    age: day(1) + hr(5),
    co: "cascadia",
  },
  { key: "ent-rivoli", a: "white-label", team: "enterprise", ch: "chat", st: "accepted", own: "lucas", age: day(2) + hr(2), co: "rivoli" },
  {
    key: "ent-hanseatic",
    a: "budget-audit",
    team: "enterprise",
    ch: "landing_page",
    st: "converted",
    own: "lucas",
    path: "accept",
    won: [31000, true],
    age: day(7) + hr(6),
    co: "hanseatic",
    note: "Audit signed; qualification agent to follow in phase two.",
  },
  {
    key: "ent-suedwerk",
    a: "on-prem",
    team: "enterprise",
    ch: "email",
    st: "discarded",
    own: "lucas",
    path: "follow",
    drop: "not_a_fit",
    age: day(8) + hr(3),
    co: "suedwerk",
    note: "Strictly on-premise, no private cloud allowed: we can't deliver that.",
  },
  { key: "ent-pennant", a: "unsupported-crm", team: "enterprise", ch: "landing_page", st: "in_follow_up", own: "lucas", age: day(5) + hr(1), co: "pennant" },
  { key: "ent-vauban", a: "unsupported-language", team: "enterprise", ch: "form", st: "pending", age: hr(3), co: "vauban" },
  // Enterprise: nurture
  { key: "ent-stirling", a: "missing-need", team: "enterprise", ch: "form", st: "pending", age: day(2) + hr(3), co: "stirling" },
  { key: "ent-adler", a: "missing-email", team: "enterprise", ch: "landing_page", st: "pending", own: "lucas", age: day(3) + hr(12), co: "adler" },
  {
    key: "ent-personal-student",
    a: "missing-company",
    team: "enterprise",
    ch: "email",
    st: "discarded",
    own: "lucas",
    path: "accept",
    drop: "other",
    age: day(9) + hr(2),
    country: "GB",
    note: "Student researching AI sales agents for a thesis; not a buyer.",
  },
];

export function findSlot(key: string): Slot {
  const found = slots.find((s) => s.key === key);
  if (!found) throw new Error(`Demo slot ${key} does not exist`);
  return found;
}

/** Where the lead writes from: their company's country, or the slot's own for a lead with none. */
export function slotCountry(slot: Slot): Country {
  const origin = slot.dup ? findSlot(slot.dup) : slot;
  const country = origin.co ? companyByKey[origin.co].country : origin.country;
  if (!country) throw new Error(`Demo slot ${slot.key} names neither a company nor a country`);
  return country;
}
