import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/db";
import { findUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/auth/password";

const require = createRequire(import.meta.url);

function runCli(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve("tsx/cli"), "--conditions=react-server", "scripts/user-create.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl(), LOG_LEVEL: "warn" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end(stdin ?? "");
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run user:create", () => {
  it("creates a user with a hashed password and a team, and updates it on a second run", async () => {
    const email = `cli-${Date.now()}@example.test`;
    const first = await runCli(["--email", email, "--role", "admin", "--name", "Cli Admin", "--team", "Ops", "--password-stdin"], "a-long-password\n");
    expect(first.stderr).not.toContain("user:create:");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`created admin ${email} in team Ops`);
    const user = await findUserByEmail({ email });
    expect(user).toMatchObject({ role: "admin", name: "Cli Admin", active: true });
    expect(await verifyPassword("a-long-password", user!.passwordHash)).toBe(true);

    const second = await runCli(["--email", email.toUpperCase(), "--role", "manager", "--password-stdin"], "another-long-password");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`updated manager ${email}`);
    expect((await findUserByEmail({ email }))?.role).toBe("manager");
  });

  it("generates and prints a password when none is given", async () => {
    const email = `gen-${Date.now()}@example.test`;
    const result = await runCli(["--email", email, "--role", "rep"]);
    expect(result.code).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeTruthy();
    expect(await verifyPassword(password!, (await findUserByEmail({ email }))?.passwordHash)).toBe(true);
  });

  it("refuses bad input with a message naming the problem, writing nothing", async () => {
    const email = `bad-${Date.now()}@example.test`;
    const badRole = await runCli(["--email", email, "--role", "owner", "--password-stdin"], "a-long-password");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of: rep, manager, admin");
    const short = await runCli(["--email", email, "--role", "rep", "--password-stdin"], "short");
    expect(short.code).toBe(2);
    expect(short.stderr).toContain("at least 10 characters");
    const badEmail = await runCli(["--email", "not-an-email", "--role", "rep"]);
    expect(badEmail.stderr).toContain("--email must be an email address");
    expect(await findUserByEmail({ email })).toBeNull();
  });
});
