import { localAuthSecret, startDatabase } from "@/db/start";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

const log = logger.child({ component: "startup" });

try {
  const database = await startDatabase((line) => log.info(line));
  log.info("database ready", { embedded: database.embedded });
  if (!env().AUTH_SECRET) {
    if (!database.embedded) throw new Error("AUTH_SECRET is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)");
    // Auth.js reads AUTH_SECRET from the environment on each request; the embedded install supplies its own.
    process.env.AUTH_SECRET = localAuthSecret();
  }
  if (database.embedded) {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info("stopping embedded Postgres", { signal });
      database.stop().finally(() => process.exit(0));
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
  }
} catch (error) {
  // Without a database every page would be a 500: stop loudly instead.
  log.error("startup failed", { error });
  process.exit(1);
}
