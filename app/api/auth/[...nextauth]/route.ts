import { handlers } from "@/lib/auth/auth";

// Auth.js's own endpoints (sign-in, sign-out, session, CSRF): they authenticate by design.
export const { GET, POST } = handlers;
