import { env } from "@/lib/env";
import { maskText } from "@/lib/privacy/mask-text";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// Keys whose values never reach a log line, at any depth.
const secretKey = /pass(word|phrase)?|secret|token|authorization|cookie|api[-_]?key|signature|credential|private[-_]?key/i;

// Secrets that turn up inside ordinary strings (an error message quoting a URL or a header).
const secretInText: [RegExp, string][] = [
  // scheme://user:password@host (SMTP_URL, DATABASE_URL): keep the user, drop the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, "$1:[redacted]@"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, "$1 [redacted]"],
  // Intake API keys, Slack tokens, HubSpot private-app tokens, OpenAI keys.
  [/\bbaton_[A-Za-z0-9_-]{8,}/g, "baton_[redacted]"],
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, "xox-[redacted]"],
  [/\bpat-[a-z0-9]{2,4}-[A-Za-z0-9-]{8,}/g, "pat-[redacted]"],
  [/\bsk-[A-Za-z0-9_-]{12,}/g, "sk-[redacted]"],
];

export type Logger = {
  [L in Level]: (msg: string, context?: Record<string, unknown>) => void;
} & { child: (context: Record<string, unknown>) => Logger };

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, msg: string, context: Record<string, unknown> = {}) => {
    if (order[level] < order[env().LOG_LEVEL]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: redactText(msg), ...redact({ ...base, ...context }) });
    // stderr keeps stdout free for commands whose output is data (npm run triage).
    process.stderr.write(line + "\n");
  };
  return {
    debug: (m, c) => write("debug", m, c),
    info: (m, c) => write("info", m, c),
    warn: (m, c) => write("warn", m, c),
    error: (m, c) => write("error", m, c),
    child: (context) => createLogger({ ...base, ...context }),
  };
}

export const logger = createLogger();

export function redact(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = secretKey.test(key) ? "[redacted]" : redactValue(v);
  return out;
}

/** A string with the secrets it quotes replaced, and any card number, IBAN, password or id a lead wrote masked. */
export function redactText(text: string): string {
  return maskText(secretInText.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text)).value;
}

function redactValue(v: unknown): unknown {
  if (typeof v === "string") return redactText(v);
  if (v instanceof Error) {
    const cause = (v as { cause?: unknown }).cause;
    return {
      name: v.name,
      message: redactText(v.message),
      stack: v.stack ? redactText(v.stack) : undefined,
      ...(cause === undefined ? {} : { cause: redactValue(cause) }),
    };
  }
  if (v instanceof URL) return redactText(v.toString());
  if (v instanceof Date) return v;
  // A Headers object has no own properties: read it, so its Authorization and Cookie are redacted by name.
  if (v instanceof Headers) return redact(Object.fromEntries(v.entries()));
  if (Array.isArray(v)) return v.map(redactValue);
  if (v && typeof v === "object") return redact(v as Record<string, unknown>);
  return v;
}
