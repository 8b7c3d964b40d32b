import type postgres from "postgres";

// The triggers that keep the metrics rollups (migration 0030) as rows are written one by one.
const ROLLUP_TRIGGERS = [
  ["handoffs", "metrics_rollup_handoffs_insert_delete"],
  ["handoffs", "metrics_rollup_handoffs_update"],
  ["handoff_events", "metrics_rollup_flag_events_insert"],
  ["handoff_events", "metrics_rollup_flag_events_change"],
  ["meetings", "metrics_rollup_meetings"],
] as const;

/**
 * A bulk load with the rollup triggers off, then the rollups rebuilt from the raw rows in one pass
 * by the migration's own function, as a restore would: a million rows through row triggers would
 * cost many times the load itself. The bench's correctness check then compares rollups and raw rows.
 */
export async function withRollupTriggersOff(sql: postgres.Sql, work: () => Promise<void>): Promise<void> {
  for (const [table, trigger] of ROLLUP_TRIGGERS) await sql.unsafe(`alter table ${table} disable trigger ${trigger}`);
  try {
    await work();
  } finally {
    for (const [table, trigger] of ROLLUP_TRIGGERS) await sql.unsafe(`alter table ${table} enable trigger ${trigger}`);
  }
  await sql`select metrics_rollups_rebuild()`;
  await sql`vacuum analyze metrics_daily, metrics_daily_values, metrics_daily_rules, metrics_rollup_sources, metrics_duration_prefix`;
}
