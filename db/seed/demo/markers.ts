// A turn marks the words a fact was read from as `[key:words]` (see ./archetype.ts); the lead's text
// keeps the words, and the key names the fact.

export type Marker = { key: string; text: string };

export function parseMarkers(turn: string): { text: string; markers: Marker[] } {
  const markers: Marker[] = [];
  const text = turn.replace(/\[([a-z0-9_]+):([^\]]+)\]/g, (_, key: string, words: string) => {
    markers.push({ key, text: words });
    return words;
  });
  return { text, markers };
}

/** A reason's evidence: a marked fragment, the lead's email ("@email"), or a literal ("=..."). */
export function evidenceFor(ref: string, markers: Map<string, string>, email: string | null, slotKey: string): string {
  if (ref.startsWith("=")) return ref.slice(1);
  if (ref === "@email") return email ?? "no email given";
  const text = markers.get(ref);
  if (!text) throw new Error(`Demo package ${slotKey}: evidence "${ref}" is not a marked fragment`);
  return text;
}
