// Safe on the client: builds inbox URLs from plain values.
export function inboxHref(params: Partial<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `/inbox?${query}` : "/inbox";
}
