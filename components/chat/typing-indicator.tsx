import { AgentAvatar } from "@/components/chat/chat-message";

export function TypingIndicator() {
  return (
    <li className="flex items-end gap-2" data-testid="agent-typing">
      <AgentAvatar />
      <span className="flex items-center gap-1 rounded-2xl rounded-bl-md border border-slate-200 bg-white px-3.5 py-3 shadow-sm">
        <span className="sr-only">The assistant is writing…</span>
        {[0, 150, 300].map((delay) => (
          <span key={delay} className="size-1.5 animate-bounce rounded-full bg-slate-400" style={{ animationDelay: `${delay}ms` }} aria-hidden />
        ))}
      </span>
    </li>
  );
}
