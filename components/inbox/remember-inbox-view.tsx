"use client";

import { useEffect } from "react";
import type { InboxView } from "@/lib/inbox/params";
import { rememberedViewCookie } from "@/lib/inbox/landing-view";

/** Remembers the view a rep opened, so a bare /inbox opens it next time (lib/inbox/landing-view.ts). */
export function RememberInboxView({ userId, view }: { userId: string; view: InboxView }) {
  useEffect(() => {
    document.cookie = rememberedViewCookie(userId, view);
  }, [userId, view]);
  return null;
}
