import type { Metadata } from "next";
import { ChatWidget } from "@/components/chat/chat-widget";
import { entryFromSearch } from "@/lib/chat/entry-context";

export const metadata: Metadata = { title: "Chat with our sales team" };

// Public and embeddable: no console chrome. In a phone-sized iframe the widget fills the frame;
// on a wide screen it sits as a card. Headers that allow framing by other sites are set elsewhere.
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // The embed script (public/widget.js) passes the host page's URL, title and UTM: the chat's entry context.
  const entry = entryFromSearch(await searchParams);
  return (
    <main className="h-dvh bg-slate-100 sm:flex sm:items-center sm:justify-center sm:p-6">
      <div className="h-full w-full sm:h-[min(44rem,calc(100dvh-3rem))] sm:max-w-md">
        <ChatWidget entry={entry} />
      </div>
    </main>
  );
}
