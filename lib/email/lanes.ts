/**
 * How the mailbox reader splits a batch into lanes that run in parallel. Messages of one lane run in
 * UID order. A lane is a sender's messages joined with every message that names one of them
 * (In-Reply-To, References, by Message-ID): a reply from another address (a colleague, the lead's
 * other mailbox) then waits for the email it answers, even when both arrive in the same batch, so it
 * joins that thread instead of racing it and becoming a lead of its own.
 */
export function lanesOf<T extends { uid: number }>(batch: T[], keysOf: (item: T) => string[]): T[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps a 1,000-message batch linear in practice.
    for (let at = k; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const keyed = batch.map((item) => {
    const keys = keysOf(item);
    const own = keys.length ? keys : [`uid:${item.uid}`];
    for (const k of own) if (!parent.has(k)) parent.set(k, k);
    for (const k of own.slice(1)) {
      const a = find(own[0]!);
      const b = find(k);
      if (a !== b) parent.set(b, a);
    }
    return { item, first: own[0]! };
  });
  const lanes = new Map<string, T[]>();
  for (const { item, first } of [...keyed].sort((a, b) => a.item.uid - b.item.uid)) {
    const root = find(first);
    lanes.set(root, [...(lanes.get(root) ?? []), item]);
  }
  return [...lanes.values()];
}

/** A raw message's lane keys from its header block (no full parse): the sender, its Message-ID and the ones it answers. */
export function laneKeysOf(source: Buffer | undefined): string[] {
  if (!source) return [];
  const head =
    source
      .subarray(0, 16_384)
      .toString("latin1")
      .split(/\r?\n\r?\n/)[0] ?? "";
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, "im").exec(head)?.[1] ?? "";
  const from = header("from");
  const address = /<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? /([^\s<>"]+@[^\s<>"]+)/.exec(from)?.[1];
  const ids = [header("message-id"), header("in-reply-to"), header("references")].flatMap((v) =>
    [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => `id:${m[1]!.toLowerCase()}`),
  );
  return [...(address ? [`from:${address.toLowerCase()}`] : []), ...ids];
}
