"use server";

import { signOut } from "@/lib/auth/auth";

// Ending a session needs no role: without a session it simply lands on the sign-in page.
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
