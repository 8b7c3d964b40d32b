import { env } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// Keys whose values never reach a log line, at any depth.
const secretKey = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|signature/i;

export type Logger = {
  [L in Level]: (msg: string, context?: Record<string, unknown>) => void;
} & { child: (context: Record<string, unknown>) => Logger };

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, msg: string, context: Record<string, unknown> = {}) => {
    if (order[level] < order[env().LOG_LEVEL]) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...redact({ ...base, ...context }) });
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
  for (const [key, v] of Object.entries(value)) {
    if (secretKey.test(key)) out[key] = "[redacted]";
    else if (v instanceof Error) out[key] = { name: v.name, message: v.message, stack: v.stack };
    else if (v && typeof v === "object" && !Array.isArray(v)) out[key] = redact(v as Record<string, unknown>);
    else out[key] = v;
  }
  return out;
}
