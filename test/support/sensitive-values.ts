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
 * Every text, varchar, json and jsonb column of every table (Baton's and pg-boss's) that holds one of
 * the values, separators dropped: the list of `schema.table.column: value` it was found in.
 */
export async function sensitiveValuesInDatabase(values: readonly string[] = Object.values(sensitiveValues)): Promise<string[]> {
  const columns = await db.execute<{ table_schema: string; table_name: string; column_name: string }>(dsql`
    select c.table_schema, c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema') and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`);
  const found: string[] = [];
  for (const c of columns) {
    const column = dsql.raw(`${quote(c.table_schema)}.${quote(c.table_name)}`);
    const name = dsql.raw(quote(c.column_name));
    // One query per column: which of the values occur in it at all.
    const patterns = dsql.join(values.map((v) => dsql`(${`%${joined(v).replace(/[%_\\]/g, "\\$&")}%`}::text, ${v}::text)`), dsql`, `);
    const rows = await db.execute<{ value: string }>(dsql`
      select p.value from (values ${patterns}) as p(pattern, value)
      where exists (select 1 from ${column} where regexp_replace(${name}::text, '[[:space:]-]', '', 'g') like p.pattern)`);
    for (const row of rows) found.push(`${c.table_schema}.${c.table_name}.${c.column_name}: ${row.value}`);
  }
  return found;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
