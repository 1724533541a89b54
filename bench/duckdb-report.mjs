#!/usr/bin/env node
/**
 * The reference side of the benchmark: the same March 2024 (UTC) numbers as
 * `supmetrics report --period 2024-03`, computed by DuckDB with SQL over a native contacts CSV.
 *
 *   node bench/duckdb-report.mjs CONTACTS.csv   → prints one JSON object on stdout
 *
 * Definitions follow the README ("Definitions and the choices we made"): durations are
 * attributed to the period in which their interval ends, counts to the period of creation,
 * SLA targets to the period in which they are decided, backlog is a snapshot at the end.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/duckdb-report.mjs CONTACTS.csv\n');
  process.exit(2);
}

const START = "TIMESTAMPTZ '2024-03-01 00:00:00+00'";
const END = "TIMESTAMPTZ '2024-04-01 00:00:00+00'";
const inMarch = (x) => `(${x} >= ${START} AND ${x} < ${END})`;
const seconds = (a, b) => `(epoch(${a}) - epoch(${b}))`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run("SET TimeZone = 'UTC'");

// One pass over the CSV into a table of typed columns (auto-detected; timestamps with Z or
// +01:00 offsets read as TIMESTAMPTZ), then every metric is a query over that table.
await db.run(`
  CREATE TABLE c AS
  SELECT channel,
         created_at::TIMESTAMPTZ AS created_at,
         first_response_at::TIMESTAMPTZ AS first_response_at,
         resolved_at::TIMESTAMPTZ AS resolved_at,
         closed_at::TIMESTAMPTZ AS closed_at,
         sla_first_response_due_at::TIMESTAMPTZ AS fr_due,
         sla_resolution_due_at::TIMESTAMPTZ AS res_due
  FROM read_csv('${file.replaceAll("'", "''")}')`);

async function rows(sql) {
  return (await db.runAndReadAll(sql)).getRowObjectsJson();
}
const num = (v) => (v === null || v === undefined ? null : Number(v));

const volume = await rows(`
  SELECT channel, count(*) AS n FROM c WHERE ${inMarch('created_at')} GROUP BY channel ORDER BY channel`);

const [frt] = await rows(`
  SELECT count(*) AS n,
         avg(d) AS mean, quantile_cont(d, 0.5) AS median, quantile_cont(d, 0.9) AS p90
  FROM (SELECT ${seconds('first_response_at', 'created_at')} AS d FROM c WHERE ${inMarch('first_response_at')})`);

const [res] = await rows(`
  SELECT count(*) AS n,
         avg(d) AS mean, quantile_cont(d, 0.5) AS median, quantile_cont(d, 0.9) AS p90
  FROM (SELECT ${seconds('resolved_at', 'created_at')} AS d FROM c WHERE ${inMarch('resolved_at')})`);

// SLA: first-response due = the export's due time, else created + the channel default.
// Met when the event is at or before due (decided at the event), else breached (decided at due).
const [sla] = await rows(`
  WITH targets AS (
    SELECT 'first_response' AS kind, first_response_at AS event_at,
           coalesce(fr_due, created_at + CASE channel
               WHEN 'phone' THEN INTERVAL 240 SECOND
               WHEN 'chat' THEN INTERVAL 120 SECOND
               WHEN 'email' THEN INTERVAL 86400 SECOND
               WHEN 'web' THEN INTERVAL 86400 SECOND
               WHEN 'social' THEN INTERVAL 3600 SECOND END) AS due
    FROM c
    UNION ALL
    SELECT 'resolution', resolved_at, res_due FROM c WHERE res_due IS NOT NULL
  ), decided AS (
    SELECT kind, coalesce(event_at <= due, false) AS met,
           CASE WHEN event_at <= due THEN event_at ELSE due END AS decided_at
    FROM targets WHERE due IS NOT NULL
  )
  SELECT count(*) FILTER (met) AS met, count(*) AS decided,
         count(*) FILTER (met AND kind = 'first_response') AS fr_met,
         count(*) FILTER (kind = 'first_response') AS fr_decided,
         count(*) FILTER (met AND kind = 'resolution') AS res_met,
         count(*) FILTER (kind = 'resolution') AS res_decided
  FROM decided WHERE ${inMarch('decided_at')}`);

// Backlog at the end of March: created before it, and ended (resolved, else closed) never or
// at/after it.
const [backlog] = await rows(`
  SELECT count(*) AS n FROM c
  WHERE created_at < ${END} AND (coalesce(resolved_at, closed_at) IS NULL OR coalesce(resolved_at, closed_at) >= ${END})`);

db.closeSync();
instance.closeSync();

process.stdout.write(
  `${JSON.stringify({
    volume: { total: volume.reduce((s, r) => s + num(r.n), 0), byChannel: Object.fromEntries(volume.map((r) => [r.channel, num(r.n)])) },
    first_response_time: { n: num(frt.n), mean: num(frt.mean), median: num(frt.median), p90: num(frt.p90) },
    resolution_time: { n: num(res.n), mean: num(res.mean), median: num(res.median), p90: num(res.p90) },
    sla_compliance: {
      numerator: num(sla.met),
      denominator: num(sla.decided),
      first_response: { numerator: num(sla.fr_met), denominator: num(sla.fr_decided) },
      resolution: { numerator: num(sla.res_met), denominator: num(sla.res_decided) },
    },
    backlog: { value: num(backlog.n) },
  }, null, 2)}\n`,
);
