"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { AlertCircle, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ChatComposer } from "@/components/chat/chat-composer";
import { ChatMessage } from "@/components/chat/chat-message";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { GREETING } from "@/lib/chat/agent-lines";
import type { ChatUIMessage } from "@/lib/chat/chat-ui-message";
import { describeChatError } from "@/lib/chat/describe-chat-error";
import { newSessionId } from "@/lib/chat/new-session-id";
import { cn } from "@/lib/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";

// Only the new message goes to the server, with the session id: the server holds the transcript.
const transport = new DefaultChatTransport<ChatUIMessage>({
  api: "/api/chat",
  prepareSendMessagesRequest: ({ id, messages }) => ({ body: { sessionId: id, message: messages.at(-1) } }),
});

const UPDATE_POLL_MS = 4000;

const greeting: ChatUIMessage = { id: "greeting", role: "assistant", parts: [{ type: "text", text: GREETING }] };

export function ChatWidget() {
  // A new conversation per page load; the session id is this browser's only claim to it.
  const [sessionId] = useState(newSessionId);
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const lastSent = useRef("");
  const end = useRef<HTMLDivElement>(null);
  const dropFailed = useRef<() => void>(() => {});

  const { messages, sendMessage, status, setMessages } = useChat<ChatUIMessage>({
    id: sessionId,
    transport,
    messages: [greeting],
    // A failed turn: the message goes back into the box, so nothing the visitor wrote is lost, and they see why.
    onError: (error) => {
      setProblem(describeChatError(error));
      dropFailed.current();
      setDraft((current) => current || lastSent.current);
    },
  });
  const busy = status === "submitted" || status === "streaming";

  useEffect(() => {
    // Everything from the failed message on (it and any half-written reply) leaves the list.
    dropFailed.current = () =>
      setMessages((current) => {
        const failed = current.findLastIndex((m) => m.role === "user");
        return failed > 0 ? current.slice(0, failed) : current;
      });
  }, [setMessages]);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [messages, status, problem]);

  // The agent can also speak between turns (questions a person asked it to put to the lead): poll for those lines.
  useEffect(() => {
    if (busy) return;
    let stopped = false;
    const timer = setInterval(async () => {
      if (document.hidden) return;
      const known = agentLineCount(messages);
      const response = await fetch("/api/chat/updates", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionId, known }) }).catch(() => null);
      const body = response?.ok ? ((await response.json()) as { lines?: string[] }) : null;
      // A turn that started meanwhile brings its own reply; a late poll must not add it twice.
      if (stopped || !body?.lines?.length) return;
      const lines = body.lines;
      setMessages((current) => [
        ...current,
        ...lines.slice(agentLineCount(current) - known).map((text): ChatUIMessage => ({ id: crypto.randomUUID(), role: "assistant", parts: [{ type: "text", text }] })),
      ]);
    }, UPDATE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [busy, messages, sessionId, setMessages]);

  const owner = handoverOwner(messages);
  const last = messages.at(-1);
  const waiting = busy && !(last?.role === "assistant" && textOf(last));

  const send = () => {
    const text = draft.trim();
    if (!text || busy) return;
    lastSent.current = text;
    setProblem(null);
    setDraft("");
    void sendMessage({ text });
  };

  return (
    <section aria-label="Chat with our sales team" className="flex h-full min-h-0 flex-col overflow-hidden bg-slate-50 sm:rounded-2xl sm:border sm:border-slate-200 sm:shadow-xl">
      <header className="flex items-center gap-3 bg-brand-600 px-4 py-3 text-white">
        <span className="grid size-10 shrink-0 place-items-center rounded-full bg-white/15 text-base font-semibold ring-1 ring-white/30" aria-hidden>
          B
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-[0.9375rem] font-semibold leading-tight">Chat with our sales team</h1>
          <p className="flex items-center gap-1.5 text-xs text-white/80" data-testid="chat-status">
            <span className={cn("size-2 shrink-0 rounded-full", owner.present ? "bg-amber-300" : "bg-emerald-300")} aria-hidden />
            <span className="truncate">{owner.present ? `Now with ${owner.name ?? "a colleague"} from our team` : "Our assistant replies right away"}</span>
          </p>
        </div>
      </header>

      <ScrollRegion label="Conversation history" className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-4">
        <ol className="space-y-3" role="log" aria-live="polite" aria-label="Conversation">
          {messages.map((m) => {
            const text = textOf(m);
            if (text) return <ChatMessage key={m.id} from={m.role === "user" ? "lead" : "agent"} text={text} />;
            // The agent stays silent once a person owns the lead; the visitor still sees their message arrived.
            if (m.role === "assistant" && m.parts.some((p) => p.type === "data-handover")) {
              return (
                <li key={m.id} className="text-center text-xs text-slate-500" data-testid="handover-notice">
                  Passed on to {owner.name ?? "our team"}
                </li>
              );
            }
            return null;
          })}
          {waiting ? <TypingIndicator /> : null}
        </ol>
        <div ref={end} />
      </ScrollRegion>

      {problem ? (
        <div role="alert" className="mx-3 mb-2 flex items-start gap-2 rounded-xl border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="chat-error">
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p className="flex-1">{problem}</p>
          <button type="button" onClick={() => setProblem(null)} className="rounded p-0.5 text-red-700 hover:bg-red-100" aria-label="Dismiss">
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ) : null}

      <ChatComposer value={draft} onChange={setDraft} onSend={send} busy={busy} />
    </section>
  );
}

function textOf(message: ChatUIMessage): string {
  return message.parts
    .map((p) => (p.type === "text" ? p.text : ""))
    .join("")
    .trim();
}

function agentLineCount(messages: ChatUIMessage[]): number {
  return messages.filter((m) => m.role === "assistant" && textOf(m)).length;
}

function handoverOwner(messages: ChatUIMessage[]): { present: boolean; name: string | null } {
  for (const m of [...messages].reverse()) {
    for (const p of m.parts) if (p.type === "data-handover") return { present: true, name: p.data.ownerName };
  }
  return { present: false, name: null };
}
