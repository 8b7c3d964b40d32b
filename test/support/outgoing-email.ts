import { resetEnvCache } from "@/lib/env";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";

/** The sales mailbox the email tests write from and to. */
export const TEST_MAILBOX = "sales@baton.test";

/**
 * Outgoing email for a test file: the SMTP stand-in, with the environment pointing the app at it
 * (and any extra settings); `restore` puts the environment back and stops the stand-in.
 */
export type OutgoingEmail = SmtpStandIn & { restore: () => Promise<void> };

export async function startOutgoingEmail(extraEnv: Record<string, string> = {}): Promise<OutgoingEmail> {
  const smtp = await startSmtpStandIn();
  const set: Record<string, string> = { SMTP_URL: smtp.url, EMAIL_FROM: `Baton <${TEST_MAILBOX}>`, MAILBOX_ADDRESS: TEST_MAILBOX, ...extraEnv };
  Object.assign(process.env, set);
  resetEnvCache();
  return Object.assign(smtp, {
    restore: async () => {
      for (const key of Object.keys(set)) delete process.env[key];
      resetEnvCache();
      await smtp.close();
    },
  });
}
