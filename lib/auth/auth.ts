import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

// Lazily configured: the single sign-on provider follows /admin/connections without a restart.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authOptions());
