import { sql as dsql } from "drizzle-orm";
import { db } from "@/db";

/** Values a lead should never have sent, as they wrote them: none may be stored or leave Baton. */
export const sensitiveValues = {
  card: "4111 1111 1111 1111",
  amex: "3782-822463-10005",
  password: "Hunter2!Secret",
  contraseña: "Gato.Azul.77",
  openAiKey: "sk-proj-A1b2C3d4E5f6G7h8I9j0KLmn",
  githubToken: "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
  awsKey: "AKIAIOSFODNN7EXAMPLE",
  iban: "ES91 2100 0418 4502 0005 1332",
  dni: "12345678Z",
  nie: "X1234567L",
  ssn: "123-45-6789",
} as const;

/** The value as it would be found anywhere: digits (and letters) joined, separators dropped. */
export const joined = (value: string) => value.replace(/[\s-]/g, "");

/** The values found in a text, compared with separators dropped on both sides. */
export function valuesIn(text: string): string[] {
  const haystack = joined(text);
  return Object.values(sensitiveValues).filter((v) => haystack.includes(joined(v)));
}

/**
 * Every table (Baton's and pg-boss's) whose rows hold one of the values in any column, text and
 * jsonb included, separators dropped: the list of `schema.table: value` it was found in. One scan
 * per table and value over the row's text form, so a big shared test database is read quickly.
 */
export async function sensitiveValuesInDatabase(values: readonly string[] = Object.values(sensitiveValues)): Promise<string[]> {
  const tables = await db.execute<{ table_schema: string; table_name: string }>(dsql`
    select t.table_schema, t.table_name from information_schema.tables t
    where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
      and exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name
                  and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY'))`);
  const found: string[] = [];
  for (const t of tables) {
    const table = dsql.raw(`${quote(t.table_schema)}.${quote(t.table_name)}`);
    const patterns = dsql.join(
      values.map((v) => dsql`(${`%${joined(v).replace(/[%_\\]/g, "\\$&")}%`}::text, ${v}::text)`),
      dsql`, `,
    );
    const rows = await db.execute<{ value: string }>(dsql`
      select p.value from (values ${patterns}) as p(pattern, value)
      where exists (select 1 from ${table} r where regexp_replace(r::text, '[[:space:]-]', '', 'g') like p.pattern)`);
    for (const row of rows) found.push(`${t.table_schema}.${t.table_name}: ${row.value}`);
  }
  return found;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
