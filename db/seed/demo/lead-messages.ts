import type { Channel } from "@/db/schema/leads";
import type { Lang } from "./archetype";
import { chatScript } from "./chat-script";
import type { CompanyDef } from "./companies";
import type { Person } from "./lead-person";
import type { Marker } from "./markers";
import type { DemoMessage } from "./rows";

/** The lead's words as the channel carries them: a form message, an email body, or chat turns. */
export function leadMessages(x: {
  channel: Channel;
  lang: Lang;
  turns: { text: string; markers: Marker[] }[];
  person: Person;
  role: string | null;
  company: CompanyDef | null;
  receivedAt: Date;
}) {
  const raw: { from: "lead" | "agent"; text: string; at: string }[] = [];
  const stored: Pick<DemoMessage, "author" | "text" | "sentAt">[] = [];
  const at = (ms: number) => new Date(x.receivedAt.getTime() - ms);
  if (x.channel === "email") {
    const signature = [x.role, x.company?.name].filter(Boolean).join(", ");
    const body = [
      x.lang === "es" ? "Hola:" : "Hi,",
      x.turns.map((t) => t.text).join(" "),
      `${x.lang === "es" ? "Un saludo" : "Best regards"},\n${x.person.name}${signature ? `\n${signature}` : ""}`,
    ].join("\n\n");
    raw.push({ from: "lead", text: body, at: x.receivedAt.toISOString() });
    stored.push({ author: "lead", text: body, sentAt: x.receivedAt });
  }
  if (x.channel === "chat") {
    const script = chatScript[x.lang];
    const lines: { from: "lead" | "agent"; text: string }[] = [{ from: "agent", text: script.greeting }];
    x.turns.forEach((turn, i) => {
      if (i > 0) {
        const key = turn.markers.find((m) => script.byKey[m.key])?.key;
        lines.push({ from: "agent", text: (key ? script.byKey[key] : script.fallback[(i - 1) % script.fallback.length])! });
      }
      lines.push({ from: "lead", text: turn.text });
    });
    lines.forEach((line, i) => {
      const sentAt = at((lines.length - 1 - i) * 45_000);
      raw.push({ from: line.from, text: line.text, at: sentAt.toISOString() });
      stored.push({ author: line.from, text: line.text, sentAt });
    });
    stored.push({ author: "agent", text: script.closing, sentAt: new Date(x.receivedAt.getTime() + 3_000) });
  }
  return { raw, stored };
}
