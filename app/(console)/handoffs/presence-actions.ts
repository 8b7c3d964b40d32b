"use server";

import { z } from "zod";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { touchPresence } from "@/lib/inbox/presence";

// The package page's presence heartbeat (components/presence/handoff-presence.tsx).
export const presenceHeartbeat = defineAction({
  name: "handoff.presence",
  roles: rolesFor("handoffs.read"),
  schema: z.object({ handoffId: z.uuid("That package id is not valid."), leaving: z.boolean().optional() }),
  handler: ({ actor, input }) => touchPresence({ actor, handoffId: input.handoffId, leaving: input.leaving }),
});
