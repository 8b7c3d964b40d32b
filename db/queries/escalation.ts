import type { Transaction } from "@/db";
import { enqueue } from "@/db/queries/outbox";
import { applyRouting } from "@/db/queries/routing";

type RoutingInput = Parameters<typeof applyRouting>[1];

/**
 * What a new or refreshed package causes, in the transaction that stores it: the CRM follows it, the
 * team hears of a new escalation, and the routing rules place it (owner, team, SLA clock). Routing
 * runs last because it holds a lock until commit; the chat and every later channel call this one
 * step, so none of them can forget a part of it (the intake API calls its two parts itself, so its
 * jobs go out with its first writes).
 */
export async function followUpPackageInTransaction(tx: Transaction, input: { handoffId: string; notify: boolean; route: RoutingInput | null }) {
  // The jobs before routing, not beside it: routing's reads and lock go out at once, and pg-boss
  // sends its inserts a few steps later, which would put them behind the lock.
  await queuePackageJobs(tx, input);
  return input.route ? applyRouting(tx, input.route) : null;
}

/** The jobs a new or refreshed package queues: its CRM sync, and the team's notification for an escalation. */
export function queuePackageJobs(tx: Transaction, input: { handoffId: string; notify: boolean }): Promise<unknown> {
  const jobs = [enqueue(tx, "crmSync", { handoffId: input.handoffId })];
  if (input.notify) jobs.push(enqueue(tx, "notify", { handoffId: input.handoffId, event: "created" }));
  return Promise.all(jobs);
}
