import { buildHandoff } from "./demo/build-handoff";
import { companyByKey } from "./demo/companies";
import { makePerson, type Person } from "./demo/lead-person";
import { seededRandom } from "./demo/random";
import type { DemoHandoff } from "./demo/rows";
import { slotCountry, slots } from "./demo/slots";
import { DEMO_TEAMS, DEMO_USERS, type DemoTeam, type DemoUser } from "./demo/staff";

// The demo data set for the seller of SPEC.md: a B2B consultancy that audits sales processes and builds
// AI sales agents, lead qualification and CRM/form integrations, in English and Spanish.
// Pure and deterministic: the content comes from hand-written archetypes filled in by a PRNG seeded
// with each package's stable key; only timestamps depend on `now`. Ids are derived from stable names,
// so the seed can insert with "on conflict do nothing" and a second run changes nothing.
// The pieces live in ./demo/; this file is the only one the rest of the app imports.

export const DEMO_PASSWORD = "demo-password";

export { DEMO_RULE_VERSION, SLA_MINUTES, slaDueAt } from "./demo/policy";
export { demoUuid } from "./demo/demo-uuid";
export { DEMO_TEAMS, DEMO_USERS, type DemoTeam, type DemoUser };
export type { DemoCompany, DemoConversation, DemoEvent, DemoHandoff, DemoHandoffRow, DemoIntake, DemoLead, DemoMessage } from "./demo/rows";

export type DemoData = { teams: readonly DemoTeam[]; users: readonly DemoUser[]; handoffs: DemoHandoff[] };

export function buildDemoData({ now }: { now: Date }): DemoData {
  // People first, in slot order, so no two leads share a name; a duplicate reuses its origin's lead.
  const taken = new Set<string>();
  const leadsBySlot = new Map<string, Person>();
  for (const slot of slots) {
    if (slot.dup) continue;
    const rand = seededRandom(`person:${slot.key}`);
    const def = slot.co ? companyByKey[slot.co] : null;
    let person = makePerson(rand, slotCountry(slot), def);
    while (taken.has(person.name)) person = makePerson(rand, slotCountry(slot), def);
    taken.add(person.name);
    leadsBySlot.set(slot.key, person);
  }
  const handoffs = slots.map((slot) => {
    const person = leadsBySlot.get(slot.dup ?? slot.key);
    if (!person) throw new Error(`Demo slot ${slot.key} has no lead`);
    return buildHandoff(slot, person, now);
  });
  return { teams: DEMO_TEAMS, users: DEMO_USERS, handoffs };
}
