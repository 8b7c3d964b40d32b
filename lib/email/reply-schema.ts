import { z } from "zod";

/** The rep's email composer on the package page. */
export const emailReplySchema = z.object({
  handoffId: z.uuid("That package id is not valid."),
  text: z.string().trim().min(1, "Write the reply first.").max(10_000, "Keep the reply under 10,000 characters."),
});
