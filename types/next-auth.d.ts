import type { UserRole } from "@/db/schema/auth";

declare module "next-auth" {
  interface User {
    role: UserRole;
    teamId?: string | null;
    sessionVersion?: number;
  }
  interface Session {
    user: {
      id: string;
      name?: string | null;
      email?: string | null;
      role: UserRole;
      teamId: string | null;
      sessionVersion: number;
      sessionId: string | null;
    };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role: UserRole;
    teamId?: string | null;
    /** The user's session version when this token was issued. */
    sv?: number;
    /** This session's own id, the one a password change keeps. */
    sid?: string;
  }
}
