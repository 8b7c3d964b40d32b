import type { BusinessHours, UserRole } from "@/db/schema/auth";
import { demoUuid } from "./demo-uuid";

// The seller's sales organisation: its teams and the people who log in to the demo.

export type DemoTeam = { id: string; name: string; timeZone: string; businessHours: BusinessHours };
export type DemoUser = { email: string; name: string; role: UserRole; teamName: string };

export type TeamKey = "emea" | "americas" | "enterprise";
export type Who = "alex" | "morgan" | "dana" | "sam" | "jordan" | "priya" | "lucas";

const weekdays: BusinessHours = {
  mon: ["09:00", "18:00"],
  tue: ["09:00", "18:00"],
  wed: ["09:00", "18:00"],
  thu: ["09:00", "18:00"],
  fri: ["09:00", "18:00"],
};

export const teamNames: Record<TeamKey, string> = {
  emea: "Inbound EMEA",
  americas: "Inbound Americas",
  enterprise: "Enterprise",
};

export const DEMO_TEAMS: readonly DemoTeam[] = [
  { id: demoUuid("team:Inbound EMEA"), name: teamNames.emea, timeZone: "Europe/Madrid", businessHours: weekdays },
  { id: demoUuid("team:Inbound Americas"), name: teamNames.americas, timeZone: "America/New_York", businessHours: weekdays },
  { id: demoUuid("team:Enterprise"), name: teamNames.enterprise, timeZone: "Europe/London", businessHours: weekdays },
];

export const people: Record<Who, DemoUser> = {
  alex: { email: "admin@baton.demo", name: "Alex Kim", role: "admin", teamName: teamNames.emea },
  morgan: { email: "manager@baton.demo", name: "Morgan Lee", role: "manager", teamName: teamNames.emea },
  dana: { email: "rep@baton.demo", name: "Dana Reyes", role: "rep", teamName: teamNames.emea },
  sam: { email: "rep2@baton.demo", name: "Sam Ortiz", role: "rep", teamName: teamNames.emea },
  jordan: { email: "manager2@baton.demo", name: "Jordan Blake", role: "manager", teamName: teamNames.americas },
  priya: { email: "rep3@baton.demo", name: "Priya Nair", role: "rep", teamName: teamNames.americas },
  lucas: { email: "rep4@baton.demo", name: "Lucas Moreau", role: "rep", teamName: teamNames.enterprise },
};

export const DEMO_USERS: readonly DemoUser[] = Object.values(people);

// Who reassigns in each team: its manager; Enterprise has none, so the admin does.
export const reassigner: Record<TeamKey, Who> = { emea: "morgan", americas: "jordan", enterprise: "alex" };
