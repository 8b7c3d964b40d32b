import type { ImapFlow } from "imapflow";
import { quarantineEmail, readMailboxCursor, saveMailboxCursor } from "@/db/queries/mailbox";
import { imapClient, mailboxKey, type MailboxSettings } from "@/lib/email/imap-client";
import { MAX_RAW_EMAIL_BYTES } from "@/lib/email/parse";
import { laneKeysOf, lanesOf } from "@/lib/email/lanes";
import { type InboundOutcome, processInboundEmail } from "@/lib/email/process-inbound";
import type { Logger } from "@/lib/logger";

/** Messages fetched per round trip: big enough for throughput, small enough that a batch fits in memory. */
const BATCH = 25;
/** Senders processed at once within a batch (each holds a database connection while it records). */
const LANES = 6;
/** A message whose processing throws this many times (not a parse error: a bug, a refused insert) is quarantined. */
const MAX_ATTEMPTS = 3;

export type PassResult = { fetched: number; outcomes: Record<InboundOutcome["status"], number>; lastUid: number };

/**
 * One pass over the folder: every message after the stored cursor, in UID order, each processed
 * (idempotently, by Message-ID) before the cursor moves past it, so a crash re-reads at most the
 * message in hand and skips none. A changed UIDVALIDITY means the UIDs mean nothing any more: the
 * whole folder is read again and the Message-IDs already recorded are skipped.
 */
export async function readMailboxPass(
  client: ImapFlow,
  settings: MailboxSettings,
  options: { log: Logger; attempts?: Map<string, number>; ownAddresses?: string[] },
): Promise<PassResult> {
  const key = mailboxKey(settings);
  const attempts = options.attempts ?? new Map<string, number>();
  const outcomes = { new: 0, reply: 0, automated: 0, bounce: 0, duplicate: 0, ignored: 0, quarantined: 0 } satisfies PassResult["outcomes"];
  const lock = await client.getMailboxLock(settings.folder);
  try {
    // NOOP: the server reports what arrived since the last command (a poll without IDLE sees nothing otherwise).
    await client.noop();
    const box = client.mailbox;
    if (!box) throw new Error(`The folder ${settings.folder} is not open`);
    const uidValidity = BigInt(box.uidValidity);
    const cursor = await readMailboxCursor(key);
    let lastUid = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
    if (cursor && cursor.uidValidity !== uidValidity) {
      options.log.warn("mailbox UIDVALIDITY changed: rescanning the folder by Message-ID", {
        mailbox: key,
        from: String(cursor.uidValidity),
        to: String(uidValidity),
      });
      await saveMailboxCursor({ mailbox: key, uidValidity, lastUid: 0 });
    }
    // Only EXISTS is kept current on an open mailbox (UIDNEXT is what SELECT said): an empty folder is the one shortcut.
    if (box.exists === 0) {
      if (!cursor) await saveMailboxCursor({ mailbox: key, uidValidity, lastUid });
      return { fetched: 0, outcomes, lastUid };
    }

    // UIDs and sizes first (cheap), then the sources in batches.
    const pending: { uid: number; size: number }[] = [];
    for await (const m of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
      if (m.uid > lastUid) pending.push({ uid: m.uid, size: m.size ?? 0 });
    }
    pending.sort((a, b) => a.uid - b.uid);
    let fetched = 0;
    for (let i = 0; i < pending.length; i += BATCH) {
      const batch = pending.slice(i, i + BATCH);
      const wanted = batch.filter((m) => m.size <= MAX_RAW_EMAIL_BYTES).map((m) => m.uid);
      const sources = new Map<number, Buffer>();
      if (wanted.length) {
        for await (const m of client.fetch(wanted.join(","), { uid: true, source: true }, { uid: true })) if (m.source) sources.set(m.uid, m.source);
      }
      const processOne = async (uid: number, size: number): Promise<InboundOutcome["status"]> => {
        const sourceRef = `${uidValidity}:${uid}`;
        const source = sources.get(uid);
        if (!source) {
          const reason =
            size > MAX_RAW_EMAIL_BYTES
              ? `larger than ${MAX_RAW_EMAIL_BYTES / 1024 / 1024} MB (${Math.round(size / 1024 / 1024)} MB)`
              : "the server returned no content for this UID";
          await quarantineEmail({ source: `imap:${key}`, sourceRef, messageId: null, fromAddress: null, subject: null, reason, rawSize: size, head: "" });
          return "quarantined";
        }
        return processWithRetries(
          source,
          { source: `imap:${key}`, sourceRef, ownAddresses: options.ownAddresses ?? (settings.address ? [settings.address] : []), log: options.log },
          attempts,
        );
      };
      // Threads in parallel, each one's messages in UID order (a reply after the email it answers,
      // whoever sent it: lib/email/lanes.ts); the cursor moves past the batch only once every message
      // of it is recorded, and a failure stops it just before the first message that failed.
      const lanes = lanesOf(batch, (m) => laneKeysOf(sources.get(m.uid)));
      const failures = new Map<number, unknown>();
      await inParallel(lanes, LANES, async (lane) => {
        for (const { uid, size } of lane) {
          try {
            outcomes[await processOne(uid, size)]++;
          } catch (error) {
            failures.set(uid, error);
            return;
          }
        }
      });
      const firstFailed = failures.size ? Math.min(...failures.keys()) : null;
      const done = batch.filter((m) => firstFailed === null || m.uid < firstFailed);
      fetched += done.length;
      if (done.length) {
        lastUid = done[done.length - 1]!.uid;
        await saveMailboxCursor({ mailbox: key, uidValidity, lastUid });
      }
      if (firstFailed !== null) throw failures.get(firstFailed);
    }
    return { fetched, outcomes, lastUid };
  } finally {
    lock.release();
  }
}

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

async function processWithRetries(
  source: Buffer,
  ctx: Parameters<typeof processInboundEmail>[1],
  attempts: Map<string, number>,
): Promise<InboundOutcome["status"]> {
  try {
    const outcome = await processInboundEmail(source, ctx);
    attempts.delete(ctx.sourceRef);
    return outcome.status;
  } catch (error) {
    const n = (attempts.get(ctx.sourceRef) ?? 0) + 1;
    attempts.set(ctx.sourceRef, n);
    if (n < MAX_ATTEMPTS) throw error;
    // The same message failed every time: set it aside so the mailbox moves on (it is on /admin/jobs).
    const reason = `failed ${n} times: ${error instanceof Error ? error.message : String(error)}`;
    await quarantineEmail({
      source: ctx.source,
      sourceRef: ctx.sourceRef,
      messageId: null,
      fromAddress: null,
      subject: null,
      reason,
      rawSize: source.byteLength,
      head:
        source
          .subarray(0, 4096)
          .toString("utf8")
          .split(/\r?\n\r?\n/)[0] ?? "",
    });
    ctx.log.error("email quarantined after repeated failures", { sourceRef: ctx.sourceRef, error });
    attempts.delete(ctx.sourceRef);
    return "quarantined";
  }
}

export type MailboxReader = { stop: () => Promise<void>; passes: () => number };

/**
 * The worker's mailbox reader: connects, reads what is new, then waits in IDLE (imapflow starts it
 * on an open mailbox; servers without IDLE are polled) for the next message or the poll interval,
 * and reads again. A dropped connection or a failed pass reconnects with backoff; settings are
 * re-read on every connection, so a change on /admin/connections applies within a reconnect.
 */
export function startMailboxReader(options: { settings: () => Promise<MailboxSettings | null>; log: Logger; pollSeconds: number }): MailboxReader {
  let stopped = false;
  let client: ImapFlow | null = null;
  let passes = 0;
  let wake: (() => void) | null = null;
  const attempts = new Map<string, number>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async () => {
    let backoff = 1_000;
    while (!stopped) {
      const settings = await options.settings().catch((error: unknown) => {
        options.log.error("mailbox settings unreadable", { error });
        return null;
      });
      if (!settings) {
        await sleep(Math.max(5_000, options.pollSeconds * 1000));
        continue;
      }
      const c = imapClient(settings);
      client = c;
      c.on("error", (error: unknown) => options.log.warn("mailbox connection error", { error: error instanceof Error ? error.message : String(error) }));
      try {
        await c.connect();
        options.log.info("mailbox connected", { mailbox: mailboxKey(settings), idle: c.capabilities.has("IDLE") });
        backoff = 1_000;
        while (!stopped && c.usable) {
          const result = await readMailboxPass(c, settings, { log: options.log, attempts });
          passes++;
          if (result.fetched) options.log.info("mailbox read", { mailbox: mailboxKey(settings), ...result.outcomes, lastUid: result.lastUid });
          if (stopped) break;
          // Wait for the server to say something arrived (IDLE's EXISTS), or the poll interval.
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              c.off("exists", done);
              c.off("close", done);
              wake = null;
              resolve();
            };
            const timer = setTimeout(done, options.pollSeconds * 1000);
            c.on("exists", done);
            c.on("close", done);
            wake = done;
            // IDLE now rather than after imapflow's idle delay; the next pass's first command ends it.
            if (c.capabilities.has("IDLE")) c.idle().catch(() => undefined);
          });
        }
      } catch (error) {
        if (!stopped)
          options.log.warn("mailbox pass failed: reconnecting", { error: error instanceof Error ? error.message : String(error), retryInMs: backoff });
      } finally {
        client = null;
        await c.logout().catch(() => c.close());
      }
      if (!stopped) {
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    }
  };
  const running = loop();
  return {
    passes: () => passes,
    stop: async () => {
      stopped = true;
      (wake as (() => void) | null)?.();
      const c = client as ImapFlow | null;
      c?.close();
      await running;
    },
  };
}
