"use client";

import { AlertCircle, X } from "lucide-react";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ChatComposer } from "@/components/chat/chat-composer";
import { ChatMessage } from "@/components/chat/chat-message";
import { ChatReceipt } from "@/components/chat/chat-receipt";
import { TypingIndicator } from "@/components/chat/typing-indicator";
import { useLeadConversation } from "@/components/chat/use-lead-conversation";
import { GREETING } from "@/lib/chat/agent-lines";
import { loadChatSession, renewChatSession } from "@/lib/chat/chat-session";
import { describeChatError } from "@/lib/chat/describe-chat-error";
import type { EntryContext } from "@/lib/chat/entry-context";
import type { ReceiptLine } from "@/lib/chat/lead-receipt";
import type { LeadLine } from "@/lib/chat/lead-view";
import { parseSse } from "@/lib/chat/sse-parse";
import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import { cn } from "@/lib/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";

const greeting: LeadLine = { id: "greeting", from: "agent", text: GREETING, sentAt: "", name: null };

type Turn = { text: string; leadLinesBefore: number };

/**
 * The public chat. The server holds the conversation: the widget shows it as the live stream brings
 * it (the lead's lines, the agent's, a person's under their name) and posts only the new message.
 * The session is kept in this site's storage, so a reload continues the same conversation.
 */
export function ChatWidget({ entry }: { entry?: EntryContext }) {
  // Read on the client only (the server render has no storage): the same session after a reload.
  const sessionId = useSyncExternalStore(noSubscription, clientSession, () => null);
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState<Turn | null>(null);
  const [handover, setHandover] = useState<{ name: string | null; afterLeadLines: number } | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const { lines, refresh } = useLeadConversation(sessionId);
  const [receipt, setReceipt] = useState<ReceiptLine[]>([]);

  // What the team will know, once the chat has a package: read on load (a returning lead) and after each turn.
  const loadReceipt = async (id: string | null) => {
    const lines = await fetchReceipt(id);
    if (lines) setReceipt(lines);
  };
  useEffect(() => {
    let current = true;
    void fetchReceipt(sessionId).then((lines) => {
      if (current && lines) setReceipt(lines);
    });
    return () => {
      current = false;
    };
  }, [sessionId]);
  const correct = async (field: ReceiptLine["field"], value: string): Promise<string | null> => {
    const response = await fetch("/api/chat/correct", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId, field, value }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { lines?: ReceiptLine[]; error?: { message?: string } } | null;
    if (response?.ok && body?.lines) {
      setReceipt(body.lines);
      return null;
    }
    return body?.error?.message ?? "We couldn't save that. Please try again.";
  };

  const shown = lines.length ? lines : [greeting];
  const leadLines = shown.filter((l) => l.from === "lead").length;
  // The message being sent shows at once; the server's copy (masked, if it held a card number) replaces it.
  const pending = sending && leadLines <= sending.leadLinesBefore ? sending.text : null;
  const waiting = sending !== null && (pending !== null || shown.at(-1)?.from === "lead");
  const withPerson = currentPerson(shown, handover);

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end", behavior: "smooth" });
  }, [lines, sending, problem]);

  const send = async () => {
    const text = draft.trim();
    if (!text || sending || !sessionId) return;
    setProblem(null);
    setDraft("");
    setSending({ text, leadLinesBefore: leadLines });
    renewChatSession(safeStorage(), sessionId);
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          sessionId,
          message: { id: crypto.randomUUID?.() ?? String(Date.now()), role: "user", parts: [{ type: "text", text }] },
          ...(entry ? { entry } : {}),
        }),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(body);
      const owner = handoverIn(body);
      if (owner !== undefined) setHandover({ name: owner, afterLeadLines: leadLines + 1 });
      await Promise.all([refresh(), loadReceipt(sessionId)]);
    } catch (error) {
      // A failed turn: the message goes back into the box, so nothing the visitor wrote is lost, and they see why.
      setProblem(describeChatError(error instanceof Error ? error : new Error(String(error))));
      setDraft((current) => current || text);
    } finally {
      setSending(null);
    }
  };

  let leadSeen = 0;
  const joined = new Set<string>();
  return (
    <section
      aria-label="Chat with our sales team"
      className="flex h-full min-h-0 flex-col overflow-hidden bg-slate-50 sm:rounded-2xl sm:border sm:border-slate-200 sm:shadow-xl"
    >
      <header className="flex items-center gap-3 bg-brand-600 px-4 py-3 text-white">
        <span className="grid size-10 shrink-0 place-items-center rounded-full bg-white/15 text-base font-semibold ring-1 ring-white/30" aria-hidden>
          B
        </span>
        <div className="min-w-0">
          <h1 className="truncate text-[0.9375rem] font-semibold leading-tight">Chat with our sales team</h1>
          <p className="flex items-center gap-1.5 text-xs text-white/80" data-testid="chat-status">
            <span className={cn("size-2 shrink-0 rounded-full", withPerson ? "bg-amber-300" : "bg-emerald-300")} aria-hidden />
            <span className="truncate">{withPerson ? `Now with ${withPerson}` : "Our assistant replies right away"}</span>
          </p>
        </div>
      </header>

      <ScrollRegion label="Conversation history" className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-4">
        <ol className="space-y-3" role="log" aria-live="polite" aria-label="Conversation">
          {shown.map((line) => {
            if (line.from === "lead") leadSeen++;
            if (line.from === "agent" && line.text === RESUME_LINE) joined.clear();
            const joinNotice = line.from === "person" && line.name && !joined.has(line.name) ? (joined.add(line.name), line.name) : null;
            return (
              <Line key={line.id} line={line} joinNotice={joinNotice}>
                {handover && line.from === "lead" && leadSeen === handover.afterLeadLines && !followedByReply(shown, line) ? (
                  <li className="text-center text-xs text-slate-500" data-testid="handover-notice">
                    Passed on to {handover.name ?? "our team"}
                  </li>
                ) : null}
              </Line>
            );
          })}
          <ChatReceipt lines={receipt} correct={correct} />
          {pending ? <ChatMessage from="lead" text={pending} /> : null}
          {waiting && !withPerson ? <TypingIndicator /> : null}
        </ol>
        <div ref={end} />
      </ScrollRegion>

      {problem ? (
        <div
          role="alert"
          className="mx-3 mb-2 flex items-start gap-2 rounded-xl border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          data-testid="chat-error"
        >
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p className="flex-1">{problem}</p>
          <button type="button" onClick={() => setProblem(null)} className="rounded p-0.5 text-red-700 hover:bg-red-100" aria-label="Dismiss">
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ) : null}

      <ChatComposer value={draft} onChange={setDraft} onSend={() => void send()} busy={sending !== null || !sessionId} />
    </section>
  );
}

function Line({ line, joinNotice, children }: { line: LeadLine; joinNotice: string | null; children: React.ReactNode }) {
  return (
    <>
      {joinNotice ? (
        <li className="text-center text-xs font-medium text-slate-500" data-testid="person-joined">
          {joinNotice} has joined
        </li>
      ) : null}
      <ChatMessage from={line.from} text={line.text} name={line.name} />
      {children}
    </>
  );
}

/** Who the lead is talking to now: the last person who wrote, or whom a turn handed over to, until the agent resumes. */
function currentPerson(lines: LeadLine[], handover: { name: string | null } | null): string | null {
  for (const line of [...lines].reverse()) {
    if (line.from === "person") return line.name;
    if (line.from === "agent" && line.text === RESUME_LINE) return null;
  }
  return handover ? `${handover.name ?? "a colleague"} from our team` : null;
}

function followedByReply(lines: LeadLine[], line: LeadLine): boolean {
  const next = lines[lines.indexOf(line) + 1];
  return next !== undefined && next.from !== "lead";
}

/** The turn's answer is an AI SDK UI message stream; a `data-handover` part says a person owns the lead (null name: a colleague). */
function handoverIn(body: string): string | null | undefined {
  for (const event of parseSse(body).events) {
    try {
      const part = JSON.parse(event.data) as { type?: string; data?: { ownerName?: string | null } };
      if (part.type === "data-handover") return part.data?.ownerName ?? null;
    } catch {
      // "[DONE]" and other non-JSON lines.
    }
  }
  return undefined;
}

async function fetchReceipt(sessionId: string | null): Promise<ReceiptLine[] | null> {
  if (!sessionId) return null;
  const response = await fetch("/api/chat/receipt", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId }),
  }).catch(() => null);
  const body = response?.ok ? ((await response.json().catch(() => null)) as { lines?: ReceiptLine[] } | null) : null;
  return body?.lines ?? null;
}

let pageSession: string | null = null;
const noSubscription = () => () => {};
const clientSession = () => (pageSession ??= loadChatSession(safeStorage()));

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
