import { listenForChatMessages } from "@/db/queries/chat-live";
import { logger } from "@/lib/logger";

type Wake = () => void;

/**
 * One LISTEN per process, fanned out to every stream that follows a conversation here (the lead's
 * widget, package pages). A notification only says "this conversation has something new": each
 * follower reads its own messages after its own cursor, so a wake-up that comes twice, or a
 * reconnection that wakes everyone, costs a query and loses nothing.
 */
export class LiveHub {
  private readonly followers = new Map<string, Set<Wake>>();
  private listening: Promise<unknown> | null = null;

  constructor(private readonly listen: typeof listenForChatMessages = listenForChatMessages) {}

  /** Calls `wake` whenever the conversation gets a message (and after a reconnection); returns the unsubscribe. */
  follow(conversationId: string, wake: Wake): () => void {
    this.start();
    let set = this.followers.get(conversationId);
    if (!set) this.followers.set(conversationId, (set = new Set()));
    set.add(wake);
    return () => {
      set.delete(wake);
      if (set.size === 0 && this.followers.get(conversationId) === set) this.followers.delete(conversationId);
    };
  }

  /** How many conversations this process follows (health, tests). */
  get size(): number {
    return this.followers.size;
  }

  private start() {
    if (this.listening) return;
    this.listening = this.listen({
      onMessage: (conversationId) => this.wake(this.followers.get(conversationId)),
      // The first LISTEN, and every one after a lost connection: what was said meanwhile is read now.
      onListen: () => {
        for (const set of this.followers.values()) this.wake(set);
      },
    }).catch((error: unknown) => {
      // Followers still re-read on their own timer (lib/chat/live-stream.ts); the next follower tries again.
      logger.error("chat LISTEN failed", { error });
      this.listening = null;
    });
  }

  private wake(set: Set<Wake> | undefined) {
    if (!set) return;
    for (const wake of [...set]) {
      try {
        wake();
      } catch (error) {
        logger.error("chat follower failed", { error });
      }
    }
  }
}

const globalForHub = globalThis as unknown as { batonChatHub?: LiveHub };

/** The process's hub (kept across dev's module reloads, like the pools). */
export function liveHub(): LiveHub {
  return (globalForHub.batonChatHub ??= new LiveHub());
}
