import type postgres from "postgres";

/** How many distinct query texts are remembered before the memory starts over (a bound, not a cache size that matters). */
const MAX_REMEMBERED = 5_000;

/**
 * The query texts seen so far, so a text is prepared from its second use on: the app's own
 * statements repeat, and a one-off text (a report with values in it) never becomes a named
 * statement that each connection would keep until it is recycled.
 */
export class RepeatedQueries {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = MAX_REMEMBERED) {}

  /** True when `text` was seen before; remembers it otherwise. */
  repeated(text: string): boolean {
    if (this.seen.has(text)) return true;
    if (this.seen.size >= this.limit) this.seen.clear();
    this.seen.add(text);
    return false;
  }
}

type Client = postgres.Sql | postgres.TransactionSql;

/**
 * A postgres.js client for drizzle whose repeated statements are named (prepared) ones.
 *
 * Why: drizzle sends every query with `prepare: false`, and postgres.js describes an unnamed
 * statement with parameters before it binds it: two round trips per statement, and the statements
 * queued behind it on the connection wait for that description, so nothing pipelines (the intake's
 * transaction made 25 round trips for 12 statements). A named statement is described once per
 * connection; afterwards it is one round trip, and several go out together.
 *
 * The plans stay as they were: the pool runs with plan_cache_mode = force_custom_plan (db/index.ts),
 * so a prepared statement is still planned for its parameters each time, never with a generic plan.
 * Transactions and savepoints hand their own client to the callback; it is wrapped the same way.
 */
export function preparingRepeated<T extends Client>(client: T, queries: RepeatedQueries = new RepeatedQueries()): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === "unsafe") {
        return (text: string, parameters?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(text, parameters, { ...options, prepare: queries.repeated(text) });
      }
      if (property === "begin" || property === "savepoint") {
        const open = Reflect.get(target, property) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return open(...args, (tx: postgres.TransactionSql) => callback(preparingRepeated(tx, queries)));
        };
      }
      return Reflect.get(target, property);
    },
  });
}
