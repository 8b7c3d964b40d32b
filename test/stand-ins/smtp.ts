import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A local SMTP server for tests and the demo (the smtp-server package, plain SMTP on 127.0.0.1, any
 * or no login). A message counts as delivered when the server accepts it (250 after DATA), as with a
 * real relay; it is parsed with mailparser and recorded. `failNext` answers the next messages with
 * an SMTP error instead (4xx: try again later, 5xx: refused).
 *
 * `messages` is every message accepted, transmissions included; `mailbox()` is what a mail store
 * keeps, one copy per Message-ID (as Gmail and Exchange do), which is what a reader sees when a
 * sender resent a message after dying between the server's 250 and its own record of it.
 */

export type ReceivedEmail = {
  messageId: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Threading and sender headers as the message carried them (the email channel checks them). */
  inReplyTo: string | null;
  references: string[];
  fromHeader: string;
  replyTo: string;
  autoSubmitted: string | null;
  receivedAt: string;
};

export type SmtpStandIn = {
  /** SMTP_URL for nodemailer. */
  url: string;
  /** GET /__stand-in/messages, when started with `inspect: true`. */
  inspectUrl: string | null;
  messages: ReceivedEmail[];
  mailbox: () => ReceivedEmail[];
  failNext: (...codes: number[]) => void;
  /** Answers the next messages to this recipient with these codes (other mail still goes through). */
  failNextTo: (address: string, ...codes: number[]) => void;
  onReceived: (hook: ((message: ReceivedEmail) => void) | null) => void;
  close: () => Promise<void>;
};

export async function startSmtpStandIn(options: { port?: number; inspect?: boolean } = {}): Promise<SmtpStandIn> {
  const messages: ReceivedEmail[] = [];
  const failures: number[] = [];
  const failuresByRecipient = new Map<string, number[]>();
  let hook: ((message: ReceivedEmail) => void) | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    banner: "Baton SMTP stand-in",
    onAuth: (_auth, _session, callback) => callback(null, { user: "stand-in" }),
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((parsed) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const addressed = recipients.map((a) => failuresByRecipient.get(a)).find((codes) => codes?.length);
          const code = addressed ? addressed.shift() : failures.shift();
          if (code) return callback(Object.assign(new Error(code >= 500 ? "Message refused" : "Try again later"), { responseCode: code }));
          const message: ReceivedEmail = {
            messageId: parsed.messageId ?? null,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            inReplyTo: parsed.inReplyTo ?? null,
            references: parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : [parsed.references],
            fromHeader: parsed.from?.text ?? "",
            replyTo: parsed.replyTo?.text ?? "",
            autoSubmitted: (parsed.headers.get("auto-submitted") as string | undefined) ?? null,
            receivedAt: new Date().toISOString(),
          };
          messages.push(message);
          hook?.(message);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client killed mid-conversation (the worker crash test) resets its socket: a real relay shrugs
  // that off, and so does this one instead of throwing from an unlistened 'error' event.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;

  let inspect: ReturnType<typeof createHttpServer> | null = null;
  let inspectUrl: string | null = null;
  if (options.inspect) {
    inspect = createHttpServer((req, res) => {
      if (req.method === "GET" && req.url === "/__stand-in/messages") {
        const text = JSON.stringify({ messages });
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        return void res.end(text);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => inspect!.listen(0, "127.0.0.1", resolve));
    inspectUrl = `http://127.0.0.1:${(inspect.address() as AddressInfo).port}/__stand-in/messages`;
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    inspectUrl,
    messages,
    mailbox: () => messages.filter((m, i) => !m.messageId || messages.findIndex((other) => other.messageId === m.messageId) === i),
    failNext: (...codes) => failures.push(...codes),
    failNextTo: (address, ...codes) => failuresByRecipient.set(address.toLowerCase(), [...(failuresByRecipient.get(address.toLowerCase()) ?? []), ...codes]),
    onReceived: (next) => {
      hook = next;
    },
    close: async () => {
      inspect?.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        inspect ? new Promise<void>((resolve) => inspect!.close(() => resolve())) : Promise.resolve(),
      ]);
    },
  };
}
