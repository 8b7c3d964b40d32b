import type { Metadata } from "next";
import { ChatWidget } from "@/components/chat/chat-widget";

export const metadata: Metadata = { title: "Chat with our sales team" };

// Public and embeddable: no console chrome. In a phone-sized iframe the widget fills the frame;
// on a wide screen it sits as a card. Headers that allow framing by other sites are set elsewhere.
export default function ChatPage() {
  return (
    <main className="h-dvh bg-slate-100 sm:flex sm:items-center sm:justify-center sm:p-6">
      <div className="h-full w-full sm:h-[min(44rem,calc(100dvh-3rem))] sm:max-w-md">
        <ChatWidget />
      </div>
    </main>
  );
}
