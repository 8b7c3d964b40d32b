/**
 * The key of routing's transaction-scoped advisory lock (db/queries/routing.ts): any fixed number,
 * distinct from the migration lock. The intake bench's raw-SQL floor takes the same one.
 */
export const ROUTING_LOCK = 7_240_612;
