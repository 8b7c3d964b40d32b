/**
 * The path to the first value nested deeper than `max` objects and arrays, or null. Iterative, so a
 * body nested 100,000 levels deep (256 KB of brackets) costs a loop, not the stack. Postgres refuses
 * jsonb nested a few thousand levels deep, and no real lead needs more than a handful.
 */
export function tooDeepAt(value: unknown, max: number): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (path.length >= max) return path;
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((v, i) => [i, v]) : Object.entries(current);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return null;
}
