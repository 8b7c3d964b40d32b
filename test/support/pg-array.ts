/**
 * A Postgres array literal of ids or names (uuids and queue names: nothing to quote), bound as one
 * parameter: `= any(${pgArray(ids)}::text[])`. drizzle's sql template would spread a JS array into
 * a list of parameters instead.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.join(",")}}`;
}
