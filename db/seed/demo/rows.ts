import type { NewHandoff, HandoffPriority, HandoffStatus, handoffEvents } from "@/db/schema/handoffs";
import type { companies, conversations, intakes, leads, messages } from "@/db/schema/leads";
import type { HandoffPackage } from "@/lib/contract/package";

// The rows the seed inserts for one handoff. Ids are derived from stable names; users and teams are
// named instead, because their ids only exist once the seed has created them.

export type DemoCompany = typeof companies.$inferInsert & { id: string; domain: string };
export type DemoLead = typeof leads.$inferInsert & { id: string };
export type DemoIntake = typeof intakes.$inferInsert & { id: string };
export type DemoMessage = typeof messages.$inferInsert & { id: string };
export type DemoConversation = typeof conversations.$inferInsert & { id: string };
/** A timeline event; users are named by email and resolved to ids by the seed (`userRefs` fills `data`). */
export type DemoEvent = Omit<typeof handoffEvents.$inferInsert, "id" | "handoffId" | "actorId"> & {
  actorEmail: string | null;
  userRefs: Record<string, string | null>;
  createdAt: Date;
};
/** The handoffs row; owner and team are named (email, team name) and resolved to ids by the seed. */
export type DemoHandoffRow = Omit<NewHandoff, "ownerId" | "teamId"> & {
  id: string;
  priority: HandoffPriority;
  status: HandoffStatus;
  createdAt: Date;
  updatedAt: Date;
  slaDueAt: Date;
  summary: string;
  package: HandoffPackage;
};
export type DemoHandoff = {
  key: string;
  teamName: string;
  ownerEmail: string | null;
  handoff: DemoHandoffRow;
  company: DemoCompany | null;
  lead: DemoLead;
  intake: DemoIntake;
  conversation: DemoConversation | null;
  messages: DemoMessage[];
  events: DemoEvent[];
};
