import { spawn, type ChildProcess } from "node:child_process";

/**
 * `npm run worker` as its own process, configured by its environment as in production. tsx runs as
 * a loader in the child itself (its CLI would fork a second process, which a kill would orphan).
 */
export function spawnWorkerProcess(env: Record<string, string>, stderr: "pipe" | "ignore" | "inherit" = "ignore"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", stderr],
  });
}

/** A worker's settings for sending to the Slack and SMTP stand-ins (a bot token, a default channel, no webhook). */
export function standInNotifyEnv(slack: { token: string; apiUrl: string }, smtp: { url: string }): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.token,
    SLACK_API_URL: slack.apiUrl,
    SLACK_DEFAULT_CHANNEL: "C0SALES",
    SLACK_WEBHOOK_URL: "",
    SMTP_URL: smtp.url,
    EMAIL_FROM: "Baton <baton@baton.test>",
  };
}
