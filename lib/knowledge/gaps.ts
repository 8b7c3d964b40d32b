import { termsOf } from "@/lib/knowledge/index";

export type GapQuestion = { question: string; language: string; outcome: string; topic: string | null; createdAt: Date };
export type Gap = {
  question: string;
  language: string;
  count: number;
  outcomes: Record<string, number>;
  topic: string | null;
  examples: string[];
  lastAsked: Date;
};

/**
 * Questions the knowledge base did not answer, grouped by similarity (shared meaningful words and
 * concepts, Jaccard ≥ `similarity`), biggest group first: what to write next. Each group is named by
 * its first question; it counts how often it was asked and why it went unanswered.
 */
export function groupGaps(rows: readonly GapQuestion[], similarity = 0.5): Gap[] {
  const groups: { terms: Set<string>; gap: Gap }[] = [];
  for (const row of rows) {
    const terms = termsOf(row.question);
    const home = groups.find((g) => g.gap.language === row.language && jaccard(g.terms, terms) >= similarity);
    if (home) {
      home.gap.count++;
      home.gap.outcomes[row.outcome] = (home.gap.outcomes[row.outcome] ?? 0) + 1;
      if (home.gap.examples.length < 3 && !home.gap.examples.includes(row.question) && row.question !== home.gap.question) home.gap.examples.push(row.question);
      if (row.createdAt > home.gap.lastAsked) home.gap.lastAsked = row.createdAt;
      continue;
    }
    groups.push({
      terms,
      gap: {
        question: row.question,
        language: row.language,
        count: 1,
        outcomes: { [row.outcome]: 1 },
        topic: row.topic,
        examples: [],
        lastAsked: row.createdAt,
      },
    });
  }
  return groups.map((g) => g.gap).sort((a, b) => b.count - a.count || b.lastAsked.getTime() - a.lastAsked.getTime());
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
