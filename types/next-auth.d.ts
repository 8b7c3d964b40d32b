import type { UserRole } from "@/db/schema/auth";

declare module "next-auth" {
  interface User {
    role: UserRole;
    teamId?: string | null;
  }
  interface Session {
    user: {
      id: string;
      name?: string | null;
      email?: string | null;
      role: UserRole;
      teamId: string | null;
    };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    role: UserRole;
    teamId?: string | null;
  }
}
