import type { Transaction } from "@/db";
import { enqueue } from "@/db/queries/outbox";
import { applyRouting } from "@/db/queries/routing";

type RoutingInput = Parameters<typeof applyRouting>[1];

/**
 * What a new or refreshed package causes, in the transaction that stores it: the CRM follows it, the
 * team hears of a new escalation, and the routing rules place it (owner, team, SLA clock). Routing
 * runs last because it holds a lock until commit; the intake API, the chat and every later channel
 * call this one step, so none of them can forget a part of it.
 */
export async function followUpPackageInTransaction(tx: Transaction, input: { handoffId: string; notify: boolean; route: RoutingInput | null }) {
  // The jobs and routing's first reads go out together; routing's lock is taken after them.
  const jobs = [enqueue(tx, "crmSync", { handoffId: input.handoffId })];
  if (input.notify) jobs.push(enqueue(tx, "notify", { handoffId: input.handoffId, event: "created" }));
  const [routed] = await Promise.all([input.route ? applyRouting(tx, input.route) : null, ...jobs]);
  return routed;
}
