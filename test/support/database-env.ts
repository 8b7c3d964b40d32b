import { inject } from "vitest";

// Runs before each integration file imports the app's modules, which bind their pool at import.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL ??= "warn";
