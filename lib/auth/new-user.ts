import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { roles } from "@/lib/auth/roles";

export const newUserSchema = z.object({
  email: z.email("--email must be an email address").max(320),
  role: z.enum(roles, { error: `--role must be one of: ${roles.join(", ")}` }),
  name: z.string().trim().min(1).max(200).optional(),
  team: z.string().trim().min(1).max(200).optional(),
  capacity: z.coerce.number().int().min(0).max(1000).optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
});

export type NewUserInput = z.infer<typeof newUserSchema>;
