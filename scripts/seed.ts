import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/demo-data";
import { seedDemo } from "@/db/seed/seed-demo";
import { startDatabase } from "@/db/start";

// `npm run db:seed`: loads the demo data set into DATABASE_URL (or the embedded server, which it
// starts and stops again). Safe to run any number of times: a second run adds nothing.
const say = (line: string) => console.error(`[seed] ${line}`);

const database = await startDatabase(say);
const client = postgres(database.url, { max: 2, onnotice: () => {} });
try {
  const result = await seedDemo(drizzle(client, { schema, casing: "snake_case" }));
  say(`${result.handoffs} demo handoffs (${result.created} created this run) in ${database.embedded ? "embedded Postgres" : "DATABASE_URL"}`);
  console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
  for (const user of result.users) console.log(`  ${user.role.padEnd(8)} ${user.email.padEnd(24)} ${user.name}`);
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.end({ timeout: 5 });
  await database.stop();
}
