import { sql as dsql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/wait-for";

// postgres.js 3.4.9 wedged a connection for good when its backend died inside a transaction: the
// transaction's own ROLLBACK was written to the closed socket from a timer (an uncaught TypeError,
// porsager/postgres#1208) and every later query on that connection queued behind it. Under a
// Postgres restart the app's whole pool wedged this way and no intake succeeded again (CI's chaos
// run). patches/postgres+3.4.9.patch refuses a write on a closed socket; this holds it to that,
// through drizzle's transaction as the app uses it, on a pool of one so a wedged connection shows.
describe("a connection whose backend dies inside a transaction", () => {
  const url = process.env.DATABASE_URL!;
  const pool = postgres(url, { max: 1, onnotice: () => {} });
  const killer = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle(pool);
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on("uncaughtException", onUncaught);

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await Promise.all([pool.end({ timeout: 1 }), killer.end({ timeout: 1 })]);
  });

  it("fails that transaction, throws nothing uncaught, and serves the next queries", { timeout: 30_000 }, async () => {
    let backendPid: number | null = null;
    const transaction = db.transaction(async (tx) => {
      const [row] = await tx.execute<{ pid: number }>(dsql`select pg_backend_pid() as pid`);
      backendPid = row!.pid;
      await tx.execute(dsql`select pg_sleep(5)`);
    });
    const failure = transaction.then(
      () => null,
      (error: { code?: string }) => error.code ?? "error",
    );
    await waitFor("the transaction's backend pid", () => backendPid, 10_000, 20);
    await killer`select pg_terminate_backend(${backendPid})`;

    expect(await failure).toBe("CONNECTION_CLOSED");
    // A query that hangs is the defect: bounded, and reported as such rather than as the test's timeout.
    for (let i = 0; i < 3; i++) {
      const answer = await Promise.race([
        db.execute<{ one: number }>(dsql`select 1 as one`).then(([row]) => row!.one),
        new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000)),
      ]);
      expect(answer).toBe(1);
    }
    expect(uncaught).toEqual([]);
  });
});
