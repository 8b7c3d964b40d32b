import { startDatabase } from "@/db/start";

// `npm run db:migrate`: applies db/migrations to DATABASE_URL (or the embedded server).
const database = await startDatabase((line) => console.error(line));
console.error(`migrations applied (${database.embedded ? "embedded Postgres" : "DATABASE_URL"})`);
await database.stop();
