import { parseArgs } from "node:util";
import { z } from "zod";
import { generateApiKey } from "@/lib/intake/credentials";

// npm run apikey:create -- --name "Website forms" [--team "Inbound EMEA"]
// Prints the key once; only its hash is stored. Leads sent with it land in the team's queue.
const usage = "usage: npm run apikey:create -- --name NAME [--team TEAM]";
const argsSchema = z.object({ name: z.string().trim().min(1, "--name is required").max(200), team: z.string().trim().min(1).max(200).optional() });
const parsed = argsSchema.safeParse(parseArgs({ options: { name: { type: "string" }, team: { type: "string" } } }).values);
if (!parsed.success) {
  console.error(`apikey:create: ${parsed.error.issues.map((i) => i.message).join("; ")}\n${usage}`);
  process.exit(2);
}

const { startDatabase } = await import("@/db/start");
const database = await startDatabase((line) => console.error(line));
try {
  const { findTeamByName } = await import("@/db/queries/teams");
  const { insertApiKey } = await import("@/db/queries/intake");
  const team = parsed.data.team ? await findTeamByName({ name: parsed.data.team }) : null;
  if (parsed.data.team && !team) {
    console.error(`apikey:create: no team named "${parsed.data.team}"`);
    process.exitCode = 2;
  } else {
    const generated = generateApiKey();
    await insertApiKey({ name: parsed.data.name, prefix: generated.prefix, keyHash: generated.hash, teamId: team?.id ?? null });
    console.log(`created intake key "${parsed.data.name}"${team ? ` for ${team.name}` : ""}`);
    console.log(`key (shown once): ${generated.key}`);
  }
} finally {
  const { sql } = await import("@/db");
  await sql.end({ timeout: 5 });
  await database.stop();
}
