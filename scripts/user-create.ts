import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { newUserSchema } from "@/lib/auth/new-user";
import { hashPassword } from "@/lib/auth/password";

// npm run user:create -- --email ana@acme.io --role admin [--name "Ana Ruiz"] [--team "Inbound EMEA"] [--password-stdin]
// Without a password the CLI asks for one on a terminal, or generates one and prints it once.
const usage = "usage: npm run user:create -- --email EMAIL --role rep|manager|admin [--name NAME] [--team TEAM] [--capacity N] [--password-stdin]";

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        team: { type: "string" },
        capacity: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
})();
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const password = values["password-stdin"] ? await readStdin() : process.stdin.isTTY ? await prompt() : undefined;
const parsed = newUserSchema.safeParse({ ...values, password: password || undefined });
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.message}`).join("\n") + `\n${usage}`);
const input = parsed.data;
const generated = input.password ? null : randomBytes(12).toString("base64url");

// The database layer is imported only after the input is valid, so a typo costs no database start.
const { startDatabase } = await import("@/db/start");
const database = await startDatabase((line) => console.error(line));
try {
  const { upsertUser } = await import("@/db/queries/users");
  const { upsertTeam } = await import("@/db/queries/teams");
  const team = input.team ? await upsertTeam({ name: input.team }) : null;
  const { user, created } = await upsertUser({
    email: input.email,
    name: input.name ?? null,
    role: input.role,
    passwordHash: await hashPassword(input.password ?? generated!),
    teamId: team?.id ?? null,
    capacity: input.capacity,
  });
  console.log(`${created ? "created" : "updated"} ${user!.role} ${user!.email}${team ? ` in team ${team.name}` : ""}`);
  if (generated) console.log(`password (shown once): ${generated}`);
} finally {
  const { sql } = await import("@/db");
  await sql.end({ timeout: 5 });
  await database.stop();
}

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function prompt(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question("Password (empty to generate one): ");
  rl.close();
  return answer;
}
