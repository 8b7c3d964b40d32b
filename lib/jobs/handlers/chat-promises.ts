import { keepChatPromises } from "@/lib/chat/keep-chat-promises";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** The minute sweep: chat promises whose time passed with nobody answering get their one apology. */
export const chatPromiseCheckJob = defineJob({
  queue: queues.chatPromiseCheck.name,
  schema: queues.chatPromiseCheck.schema,
  handle: async (data, ctx) => {
    const { apologised } = await keepChatPromises({ now: data.at ? new Date(data.at) : ctx.now() });
    if (apologised) ctx.log.info("chat promises renewed", { count: apologised });
  },
});
