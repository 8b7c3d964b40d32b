import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, Socket } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

/**
 * A real IMAP server for tests: Debian's Dovecot (dovecot-imapd), started as the current user on a
 * free high port with a throw-away config, passwd-file and Maildir (doc/wiki/HowTo.Rootless.txt).
 * Mail is delivered as a mail server would leave it in the folder: by IMAP APPEND. `restart()`
 * stops and starts the same server (same Maildir, same UIDVALIDITY) on the same port.
 */

export const DOVECOT_BINARY = process.env.DOVECOT_BINARY ?? "/usr/sbin/dovecot";

export type DovecotStandIn = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Delivers one message into a folder (INBOX unless named) by APPEND; returns its UID. */
  append: (raw: string | Buffer, folder?: string) => Promise<number | null>;
  /** Many at once over one connection. */
  appendMany: (raws: (string | Buffer)[], folder?: string) => Promise<void>;
  stop: () => Promise<void>;
  start: () => Promise<void>;
  restart: () => Promise<void>;
  close: () => Promise<void>;
};

export function dovecotAvailable(): boolean {
  return existsSync(DOVECOT_BINARY);
}

export async function startDovecot(options: { user?: string; password?: string; port?: number } = {}): Promise<DovecotStandIn> {
  if (!dovecotAvailable()) throw new Error(`Dovecot is not installed (${DOVECOT_BINARY}): apt-get install dovecot-imapd`);
  const user = options.user ?? "sales";
  const password = options.password ?? "stand-in-password";
  const dir = await mkdtemp(path.join(tmpdir(), "baton-dovecot-"));
  const port = options.port ?? (await freePort());
  const me = runAsUser();
  await mkdir(path.join(dir, "run"), { recursive: true });
  await mkdir(path.join(dir, "home", user, "Maildir"), { recursive: true });
  await writeFile(path.join(dir, "passwd"), `${user}:{PLAIN}${password}:${me.uid}:${me.gid}::${path.join(dir, "home", user)}\n`);
  const conf = path.join(dir, "dovecot.conf");
  await writeFile(
    conf,
    [
      `base_dir = ${path.join(dir, "run")}`,
      `state_dir = ${path.join(dir, "state")}`,
      `instance_name = baton-${port}`,
      `log_path = ${path.join(dir, "dovecot.log")}`,
      `default_internal_user = ${me.username}`,
      `default_internal_group = ${groupName(me.gid)}`,
      `default_login_user = ${me.username}`,
      "protocols = imap",
      "listen = 127.0.0.1",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      "mail_location = maildir:~/Maildir",
      "first_valid_uid = 0",
      "mail_privileged_group =",
      `passdb {\n  driver = passwd-file\n  args = ${path.join(dir, "passwd")}\n}`,
      `userdb {\n  driver = passwd-file\n  args = ${path.join(dir, "passwd")}\n}`,
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n  chroot =\n}`,
      "service anvil {\n  chroot =\n}",
      "service stats {\n  unix_listener stats-reader {\n    mode = 0600\n  }\n  unix_listener stats-writer {\n    mode = 0600\n  }\n}",
      "protocol imap {\n  mail_max_userip_connections = 200\n}",
      "",
    ].join("\n"),
  );
  await mkdir(path.join(dir, "state"), { recursive: true });
  if (me.uid !== process.getuid?.()) await chownTree(dir, me.uid, me.gid);

  let child: ChildProcess | null = null;
  const start = async () => {
    const proc = spawn(DOVECOT_BINARY, ["-F", "-c", conf], { stdio: ["ignore", "ignore", "pipe"], uid: me.uid, gid: me.gid });
    let stderr = "";
    proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    child = proc;
    const until = Date.now() + 15_000;
    while (!(await listening(port))) {
      if (proc.exitCode !== null || Date.now() > until) {
        const log = await readFile(path.join(dir, "dovecot.log"), "utf8").catch(() => "");
        throw new Error(`Dovecot did not start on ${port}: ${stderr}${log.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
    // Wait until the port is free again, so a restart binds it.
    const until = Date.now() + 10_000;
    while ((await listening(port)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  };
  await start();

  const connect = async () => {
    const client = new ImapFlow({ host: "127.0.0.1", port, secure: false, auth: { user, pass: password }, logger: false });
    await client.connect();
    return client;
  };
  const appendMany = async (raws: (string | Buffer)[], folder = "INBOX") => {
    const client = await connect();
    try {
      if (folder !== "INBOX") await client.mailboxCreate(folder).catch(() => undefined);
      for (const raw of raws) await client.append(folder, raw);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };
  return {
    host: "127.0.0.1",
    port,
    user,
    password,
    append: async (raw, folder = "INBOX") => {
      const client = await connect();
      try {
        if (folder !== "INBOX") await client.mailboxCreate(folder).catch(() => undefined);
        const result = await client.append(folder, raw);
        return result && typeof result === "object" && "uid" in result ? Number(result.uid) : null;
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    appendMany,
    start,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Dovecot's login processes refuse to run as root: under root (a CI container) the server runs as
 * `nobody`, otherwise as the current user.
 */
function runAsUser(): { uid: number; gid: number; username: string } {
  const me = userInfo();
  if (me.uid !== 0) return { uid: me.uid, gid: me.gid, username: me.username };
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("nobody:"));
  if (!line) throw new Error("Running as root and there is no `nobody` user to run Dovecot as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid), username: "nobody" };
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else await chown(full, uid, gid);
  }
}

function groupName(gid: number): string {
  // Dovecot takes a group name; root's is "root", anyone else's is looked up in /etc/group.
  try {
    const line = readFileSync("/etc/group", "utf8")
      .split("\n")
      .find((l: string) => l.split(":")[2] === String(gid));
    return line?.split(":")[0] ?? String(gid);
  } catch {
    return String(gid);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, "127.0.0.1");
  });
}
