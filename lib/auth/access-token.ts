import { createHash, randomBytes } from "node:crypto";

/** How long an emailed link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

/**
 * A new single-use link token: 32 random bytes for the link, and the SHA-256 that is stored. The
 * token is unguessable, so a fast hash is enough; the database never holds a usable link.
 */
export function newAccessToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashAccessToken(token) };
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as it appears in a link: anything else is refused before the database is asked. */
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type SpentTokenProblem = "unknown" | "used" | "expired" | "inactive";

/** What a person reads when a link does not work; never whether the account exists. */
export function tokenProblemMessage(problem: SpentTokenProblem, kind: "invitation" | "password_reset"): string {
  const what = kind === "invitation" ? "invitation" : "password reset link";
  const next = kind === "invitation" ? "Ask an admin to send a new invitation." : "Ask for a new link from the sign-in page.";
  switch (problem) {
    case "used":
      return `This ${what} was already used. ${next}`;
    case "expired":
      return `This ${what} has expired. ${next}`;
    case "inactive":
      return "This account is deactivated. Ask an admin.";
    default:
      return `This ${what} is not valid. ${next}`;
  }
}
