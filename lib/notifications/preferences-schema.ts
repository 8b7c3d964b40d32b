import { z } from "zod";
import { checkbox } from "@/lib/forms/form-fields";

export const preferencesSchema = z
  .object({
    slack: checkbox,
    email: checkbox,
    inApp: checkbox,
    slackTarget: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
      z
        .string()
        .regex(/^[#@]?[\w.-]{1,80}$/, "must be a Slack member id (U…), a channel id (C…) or #channel-name")
        .nullable()
        .default(null),
    ),
  })
  .refine((p) => p.slack || p.email || p.inApp, {
    message: "Keep at least one channel on, or you will not hear about packages routed to you.",
    path: ["inApp"],
  });

export const markReadSchema = z.object({ ids: z.array(z.uuid()).max(200).optional() });
