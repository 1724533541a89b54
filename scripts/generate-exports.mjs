#!/usr/bin/env node
/**
 * Deterministic generator of synthetic helpdesk exports in supmetrics' native format
 * (DESIGN.md, "Native input format"): contacts, surveys and customers.
 *
 *   node scripts/generate-exports.mjs --out DIR [--contacts N] [--start 2024-02-01]
 *        [--days 60] [--seed 1] [--format csv|ndjson|json] [--events]
 *
 * Writes DIR/contacts.EXT, DIR/surveys.EXT and DIR/customers.EXT; with --events also
 * DIR/events.EXT: about one chat in five is exported as its transcript (one row per message
 * and status change, DESIGN.md "events") under the id E<n> instead of a contacts row T<n>, so
 * the two files never share an id, and folding the events gives back the very facts the row
 * would have held (the other files and every other contact are the same bytes as without
 * --events; transcript details come from a PRNG stream of their own). The same options always
 * give the same bytes (own seeded PRNG, no clock, no Math.random). Output is streamed in
 * ~1 MB chunks with backpressure, and memory stays small whatever N is: contacts are made
 * one day at a time in creation order, customers' attributes are a pure hash of their
 * number, so 10M contacts (~2.4 GB of CSV) need no more memory than 10k.
 *
 * The model, in short: ~25 agents in 4 teams; channels email 40%, chat 25%, phone 20%,
 * web 10%, social 5%; arrivals weekday- and business-hours-heavy (peaks 10:00 and 14:00
 * UTC). Tickets (email/web/social) get a lognormal first response that waits for working
 * hours (Mon-Fri 08:00-18:00 UTC), 1-6 agent replies, reopens, escalations, hand-offs,
 * auto-close some days after resolution, and about 10% are still open at the end of the
 * data. Chats and calls get a wait, a handle time, a wrap-up; some are abandoned in the
 * queue, some chats are missed. Every timestamp after the end of the data (start + days) is
 * in the future of the export and so left out, and the status follows what is left.
 * Around 10% of rows write their timestamps with a +01:00 offset (same instants).
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';

const HELP = `Usage: node scripts/generate-exports.mjs --out DIR [options]

Writes DIR/contacts.<ext>, DIR/surveys.<ext>, DIR/customers.<ext> (supmetrics native format),
and with --events DIR/events.<ext> (chat transcripts as events).

Options:
  --out DIR          output folder (created if missing)            (required)
  --contacts N       number of contacts                             (default 6000)
  --start DATE       first day of the data, YYYY-MM-DD, UTC         (default 2024-02-01)
  --days N           number of days of data                         (default 60)
  --seed S           PRNG seed, an integer or any string            (default 1)
  --format F         csv | ndjson | json                            (default csv)
  --events           also write DIR/events.<ext>: ~1 in 5 chats as event transcripts
  -h, --help         this help
`;

// ---------------------------------------------------------------------------------------
// Options

function fail(msg) {
  process.stderr.write(`generate-exports: ${msg}\n\n${HELP}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { out: null, contacts: 6000, start: '2024-02-01', days: 60, seed: '1', format: 'csv', events: false };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    }
    if (a === '--events') {
      o.events = true;
      continue;
    }
    let v;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    } else {
      v = argv[++i];
    }
    if (v === undefined) fail(`${a} needs a value`);
    switch (a) {
      case '--out': o.out = v; break;
      case '--contacts': o.contacts = intArg(a, v, 0); break;
      case '--start': o.start = v; break;
      case '--days': o.days = intArg(a, v, 1); break;
      case '--seed': o.seed = v; break;
      case '--format': o.format = v; break;
      default: fail(`unknown option ${a}`);
    }
  }
  if (!o.out) fail('--out DIR is required');
  if (!['csv', 'ndjson', 'json'].includes(o.format)) fail(`--format must be csv, ndjson or json, not ${o.format}`);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(o.start);
  const startMs = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || new Date(startMs).toISOString().slice(0, 10) !== o.start) fail(`--start must be a date YYYY-MM-DD, not ${o.start}`);
  o.startSec = startMs / 1000;
  o.seedNum = /^\d+$/.test(o.seed) ? Number(BigInt(o.seed) & 0xffffffffn) : strHash(o.seed);
  return o;
}

function intArg(name, v, min) {
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) fail(`${name} must be an integer >= ${min}, not ${v}`);
  return Number(v);
}

function strHash(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------
// Randomness: xoshiro128** seeded through splitmix32; a stateless hash for customers.

class Rng {
  constructor(seed) {
    let s = seed >>> 0;
    const sm = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.a = sm(); this.b = sm(); this.c = sm(); this.d = sm();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
    this.spare = NaN;
  }
  /** Uniform in [0, 1). */
  next() {
    const b = this.b;
    let r = Math.imul(b, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    const t = b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d; this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return (r >>> 0) / 4294967296;
  }
  chance(p) { return this.next() < p; }
  /** Integer in [lo, hi], both included. */
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
  normal() {
    if (this.spare === this.spare) { const s = this.spare; this.spare = NaN; return s; }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
  /** Lognormal with the given median and log-sd, clamped to [lo, hi]. */
  logn(median, sigma, lo, hi) {
    const x = median * Math.exp(sigma * this.normal());
    return x < lo ? lo : x > hi ? hi : x;
  }
  /** Index drawn from a Weights table. */
  w(table) {
    const x = this.next() * table.total;
    const c = table.cum;
    for (let i = 0; i < c.length; i++) if (x < c[i]) return i;
    return c.length - 1;
  }
  binom(n, p) {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }
}

function weights(ws) {
  const cum = [];
  let t = 0;
  for (const w of ws) cum.push((t += w));
  return { cum, total: t };
}

function hash32(x) {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------
// The support organisation and vocabularies

const DAY = 86400;
const HOUR = 3600;
const MIN = 60;

const CHANNELS = ['email', 'chat', 'phone', 'web', 'social'];
const EMAIL = 0, CHAT = 1, PHONE = 2, WEB = 3, SOCIAL = 4;
const IS_LIVE = [false, true, true, false, false];
// Channel weights in business hours and outside them (phones are mostly staffed by day).
const CH_DAY = weights([0.375, 0.24, 0.245, 0.095, 0.045]);
const CH_NIGHT = weights([0.47, 0.28, 0.06, 0.12, 0.07]);

const TEAMS = ['frontline', 'voice', 'billing', 'technical'];
const FRONTLINE = 0, VOICE = 1, BILLING = 2, TECHNICAL = 3;
const TEAM_AGENTS = [
  ['Ana Popescu', 'Mihai Ionescu', 'Lena Müller', 'Jonas Becker', 'Sofia Rossi', 'Liam Walsh', 'Chloé Martin', 'Daniel Kim'],
  ['Yuki Tanaka', 'Haruto Sato', 'Maria Garcia', 'Tom Baker', 'Ioana Ștefan', 'Priya Nair'],
  ['Wei Zhang', 'Li Na', 'Sarah Cohen', 'Andrei Dumitru', 'Emma Schulz'],
  ['Kenji Watanabe', 'Felix Wagner', 'Olivia Brown', 'Chen Jie', 'Raluca Marin', 'Noah Fischer'],
];
// Some agents take more work than others (part-timers, seniors).
const TEAM_AGENT_W = [
  weights([1.3, 1.1, 1.0, 1.0, 0.9, 0.8, 0.6, 0.35]),
  weights([1.2, 1.0, 1.0, 0.9, 0.8, 0.5]),
  weights([1.2, 1.0, 0.9, 0.8, 0.4]),
  weights([1.1, 1.0, 1.0, 0.9, 0.7, 0.5]),
];

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const PRIO_BY_SEG = [weights([25, 57, 14, 4]), weights([15, 55, 22, 8]), weights([8, 47, 30, 15])];
const SEGMENTS = ['smb', 'mid_market', 'enterprise'];

const ISSUES = ['billing', 'technical', 'account', 'shipping', 'other'];
const ISSUE_W = weights([25, 30, 20, 15, 10]);
const ISSUE_TAGS = [
  ['invoice', 'refund', 'payment_failed', 'pricing', 'plan_change'],
  ['bug', 'login', 'integration', 'performance', 'error_500', 'mobile_app'],
  ['password_reset', 'account_update', '2fa', 'cancellation', 'data_export'],
  ['delivery_delay', 'tracking', 'damaged', 'return', 'address_change'],
  ['feedback', 'feature_request', 'partnership', 'general'],
];
const NTAGS_W = weights([15, 50, 30, 5]);
// Escalation reasons by issue type, and the team an escalation lands with.
const ESC_REASONS = [
  [['billing', BILLING], ['refund_approval', BILLING], ['billing', BILLING], ['management', FRONTLINE]],
  [['bug', TECHNICAL], ['bug', TECHNICAL], ['needs_it', TECHNICAL], ['needs_it', TECHNICAL]],
  [['account_security', TECHNICAL], ['needs_it', TECHNICAL], ['billing', BILLING]],
  [['carrier_claim', FRONTLINE], ['refund_approval', BILLING], ['management', FRONTLINE]],
  [['management', FRONTLINE], ['bug', TECHNICAL], ['billing', BILLING]],
];

const REPLIES_W = weights([37, 25, 16, 11, 7, 4]); // 1..6 agent replies on tickets

// Arrivals per hour of day (UTC): weekdays peak at 10:00 and 14:00; weekends flatter.
const HOURS_WEEKDAY = [0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.9, 2.0, 4.5, 7.5, 9.0, 8.2, 6.0, 6.8, 8.8, 8.0, 6.5, 5.0, 3.2, 2.2, 1.6, 1.2, 0.8, 0.5];
const HOURS_WEEKEND = [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 1.0, 1.8, 2.8, 3.5, 3.8, 3.6, 3.5, 3.6, 3.4, 3.0, 2.6, 2.2, 1.9, 1.6, 1.3, 1.0, 0.7];
const HW_DAY = weights(HOURS_WEEKDAY);
const HW_END = weights(HOURS_WEEKEND);
const DOW_FACTOR = [0.22, 1.18, 1.08, 1.02, 1.0, 0.9, 0.3]; // Sun..Sat
const MAX_HW = Math.max(...HOURS_WEEKDAY);

const CONTACT_COLS = [
  'id', 'channel', 'created_at', 'first_response_at', 'answered_at', 'ended_at', 'wrap_up_at',
  'resolved_at', 'closed_at', 'abandoned_at', 'abandon_step', 'missed', 'status', 'priority',
  'agent', 'team', 'customer_id', 'customer_segment', 'issue_type', 'tags', 'agent_replies',
  'customer_messages', 'handoffs', 'reopens', 'escalated', 'escalation_reason', 'converted',
  'canned_replies', 'sla_first_response_due_at', 'sla_resolution_due_at',
];
const SURVEY_COLS = ['id', 'kind', 'score', 'scale', 'responded_at', 'contact_id', 'agent', 'channel', 'customer_id'];
const CUSTOMER_COLS = ['customer_id', 'started_at', 'ended_at', 'segment'];
const EVENT_COLS = [
  'contact_id', 'at', 'type', 'actor_type', 'actor', 'canned', 'macro', 'reason', 'step',
  'channel', 'priority', 'team', 'customer_id', 'customer_segment', 'issue_type',
];
// Saved replies chat agents use (transcripts only).
const MACROS = ['greeting', 'ask_order_number', 'refund_policy', 'password_reset_steps', 'shipping_times', 'verify_identity', 'escalation_notice', 'closing'];
const MACRO_W = weights([30, 14, 10, 9, 9, 7, 4, 17]);

// Values are written unquoted in CSV and JSON: make sure none needs quoting or escaping.
for (const s of [
  ...CHANNELS, ...TEAMS, ...TEAM_AGENTS.flat(), ...PRIORITIES, ...SEGMENTS, ...ISSUES, ...ISSUE_TAGS.flat(),
  ...ESC_REASONS.flat().map((r) => r[0]), ...MACROS, 'welcome_message', 'ivr', 'hold_message', 'queue', 'vip', 'outage', 'follow_up', 'spam',
]) {
  if (/[",;\\\r\n\t]/.test(s) || s !== s.trim()) throw new Error(`vocabulary value needs quoting: ${s}`);
}

// ---------------------------------------------------------------------------------------
// Timestamps: epoch seconds in, ISO 8601 out; dates cached per day.

const P2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayCache = new Map();
function dayStr(day) {
  let s = dayCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY * 1000).toISOString().slice(0, 10);
    dayCache.set(day, s);
  }
  return s;
}
/** ISO 8601 with Z, or with +01:00 for the same instant; null for a missing time (< 0). */
function iso(sec, plus1) {
  if (sec < 0) return null;
  if (plus1) sec += HOUR;
  const day = Math.floor(sec / DAY);
  let r = sec - day * DAY;
  const h = (r / HOUR) | 0;
  r -= h * HOUR;
  const m = (r / MIN) | 0;
  return `${dayStr(day)}T${P2[h]}:${P2[m]}:${P2[r - m * MIN]}${plus1 ? '+01:00' : 'Z'}`;
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
function dowOf(sec) {
  return (Math.floor(sec / DAY) + 4) % 7;
}
const OPEN = 8 * HOUR, CLOSE = 18 * HOUR; // ticket teams work Mon-Fri 08:00-18:00 UTC
function working(sec) {
  const day = Math.floor(sec / DAY);
  const dow = (day + 4) % 7;
  const sod = sec - day * DAY;
  return dow !== 0 && dow !== 6 && sod >= OPEN && sod < CLOSE;
}
/** `sec` if within working hours, else the start of the next working period. */
function nextWorking(sec) {
  let day = Math.floor(sec / DAY);
  let sod = sec - day * DAY;
  for (let i = 0; i < 8; i++) {
    const dow = (day + 4) % 7;
    if (dow !== 0 && dow !== 6) {
      if (sod < OPEN) return day * DAY + OPEN;
      if (sod < CLOSE) return day * DAY + sod;
    }
    day++;
    sod = 0;
  }
  return sec;
}

// ---------------------------------------------------------------------------------------
// Streaming writers

class Out {
  constructor(file, format, cols) {
    this.file = file;
    this.format = format;
    this.cols = cols;
    this.keys = cols.map((c) => `"${c}":`);
    this.ws = createWriteStream(file);
    this.error = null;
    this.ws.on('error', (e) => { this.error = e; });
    this.parts = [];
    this.pending = 0; // characters buffered
    this.rows = 0;
    if (format === 'csv') this.push(cols.join(',') + '\n');
    else if (format === 'json') this.push('[');
  }
  push(s) {
    this.parts.push(s);
    this.pending += s.length;
  }
  /** One record: an array of values in column order; null for missing. */
  row(v) {
    if (this.format === 'csv') {
      this.push(v.join(',') + '\n'); // no value ever needs quoting (checked above)
    } else {
      let s = this.format === 'json' ? (this.rows === 0 ? '\n{' : ',\n{') : '{';
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        s += (i ? ',' : '') + this.keys[i] + (x === null ? 'null' : typeof x === 'string' ? `"${x}"` : String(x));
      }
      this.push(this.format === 'json' ? s + '}' : s + '}\n');
    }
    this.rows++;
  }
  async flush() {
    if (this.error) throw this.error;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pending = 0;
    if (!this.ws.write(chunk)) await once(this.ws, 'drain');
  }
  async close() {
    if (this.format === 'json') this.push(this.rows ? '\n]\n' : ']\n');
    await this.flush();
    this.ws.end();
    await once(this.ws, 'finish');
    if (this.error) throw this.error;
    return this.ws.bytesWritten;
  }
}

const FLUSH_AT = 1 << 20;

// ---------------------------------------------------------------------------------------
// The generator

async function generate(o) {
  const rng = new Rng(o.seedNum);
  const seedMix = hash32(o.seedNum ^ 0x5bd1e995);
  const N = o.contacts;
  const S = o.startSec;
  const E = S + o.days * DAY; // end of the data: the moment of the export
  const ext = o.format === 'csv' ? 'csv' : o.format;
  await mkdir(o.out, { recursive: true });
  const contacts = new Out(path.join(o.out, `contacts.${ext}`), o.format, CONTACT_COLS);
  const surveys = new Out(path.join(o.out, `surveys.${ext}`), o.format, SURVEY_COLS);
  const customers = new Out(path.join(o.out, `customers.${ext}`), o.format, CUSTOMER_COLS);
  const events = o.events ? new Out(path.join(o.out, `events.${ext}`), o.format, EVENT_COLS) : null;
  // Transcript details draw from a stream of their own, so --events changes no other value.
  const erng = new Rng(hash32(o.seedNum ^ 0x2545f491));
  const t0 = process.hrtime.bigint();

  const idWidth = Math.max(6, String(N).length);
  const tid = (n) => 'T' + String(n).padStart(idWidth, '0');
  const eid = (n) => 'E' + String(n).padStart(idWidth, '0');
  // With --events, about one chat in five is exported as events (a pure function of its number).
  const asEvents = (n, ch) => events !== null && ch === CHAT && hash32((n + seedMix) | 0) % 5 === 0;
  let surveySeq = 0;
  const sid = () => 'S' + String(++surveySeq).padStart(idWidth, '0');

  // --- Customers: attributes are a pure function of the customer number, so the pool
  // needs no memory. Started over the two years before the data through its end; lifetime
  // exponential with ~1.5%/month hazard; ended_at set when the end falls before E.
  const M = Math.max(50, Math.round(N * 2.4));
  const cidWidth = Math.max(6, String(M).length);
  const cid = (n) => 'C' + String(n).padStart(cidWidth, '0');
  const poolStart = S - 730 * DAY;
  const meanLife = (30.44 * DAY) / 0.015;
  const hu = (idx, k) => hash32((Math.imul(idx, 8) + k + seedMix) | 0) / 4294967296;
  const custStart = (idx) => {
    const t = poolStart + Math.floor(hu(idx, 0) * (E - poolStart));
    return hu(idx, 1) < 0.5 ? t - (t % DAY) : t;
  };
  const custEnd = (idx, st) => {
    let t = st + Math.floor(-Math.log(1 - hu(idx, 2)) * meanLife) + DAY;
    if (hu(idx, 1) < 0.5) t -= t % DAY;
    return t < E ? t : -1;
  };
  const custSeg = (idx) => {
    const u = hu(idx, 3);
    return u < 0.6 ? 0 : u < 0.88 ? 1 : 2;
  };
  // A customer who could contact support at `t`: already a customer, not gone for long.
  // Small businesses write in a little less often than bigger accounts.
  const pickCustomer = (t) => {
    for (let tries = 0; tries < 64; tries++) {
      const idx = 1 + Math.floor(rng.next() * M);
      const st = custStart(idx);
      if (st > t) continue;
      const en = custEnd(idx, st);
      if (en >= 0 && en + 14 * DAY < t) continue;
      if (custSeg(idx) === 0 && rng.next() > 0.7) continue;
      return idx;
    }
    for (let idx = 1; idx <= M; idx++) if (custStart(idx) <= t) return idx;
    return 1;
  };

  // --- NPS: ~10% of the customers present during the data answer once, at a random time
  // while they are customers; sorted by time and interleaved with the contacts.
  const npsTimes = [];
  const npsCust = [];
  for (let idx = 1; idx <= M; idx++) {
    if (hu(idx, 4) >= 0.1) continue;
    const st = custStart(idx);
    const en = custEnd(idx, st);
    const from = Math.max(S, st);
    const to = en < 0 ? E : Math.min(E, en);
    if (to <= from) continue;
    npsTimes.push(from + Math.floor(hu(idx, 5) * (to - from)));
    npsCust.push(idx);
  }
  const npsOrder = Uint32Array.from(npsTimes.keys()).sort((a, b) => npsTimes[a] - npsTimes[b] || a - b);
  let npsNext = 0;
  const NPS_W = weights([3, 1, 1, 2, 2, 3, 5, 11, 17, 24, 25]); // 0..10: ~52% promoters, ~30% passives, ~18% detractors
  const emitNpsUpTo = (t) => {
    while (npsNext < npsOrder.length && npsTimes[npsOrder[npsNext]] <= t) {
      const k = npsOrder[npsNext++];
      const idx = npsCust[k];
      surveys.row([sid(), 'nps', rng.w(NPS_W), 10, iso(npsTimes[k], rng.chance(0.1)), null, null, null, cid(idx)]);
    }
  };

  // --- Arrivals: contacts per day (weekday factors, noise, a slight growth trend, one
  // incident day), distributed exactly with largest remainders.
  const spikeDay = o.days >= 14 ? Math.floor(o.days * 0.42) : -1;
  const dayW = [];
  for (let d = 0; d < o.days; d++) {
    const dow = dowOf(S + d * DAY);
    let w = DOW_FACTOR[dow] * (1 + 0.07 * rng.normal()) * (1 + (0.1 * d) / o.days);
    if (d === spikeDay) w *= 1.6;
    dayW.push(Math.max(0.05, w));
  }
  const wSum = dayW.reduce((a, b) => a + b, 0);
  const perDay = dayW.map((w) => Math.floor((N * w) / wSum));
  let rest = N - perDay.reduce((a, b) => a + b, 0);
  const byRemainder = dayW.map((w, d) => [(N * w) / wSum - perDay[d], d]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; rest > 0; i = (i + 1) % byRemainder.length, rest--) perDay[byRemainder[i][1]]++;

  // --- Recent contacts, for follow-ups and repeat contacts (FCR repeats): a ring of the
  // last ~10 days of contacts (customer, final resolution, channel).
  const RING = Math.max(64, Math.ceil((N / o.days) * 10));
  const ringCust = new Int32Array(RING);
  const ringRes = new Float64Array(RING);
  const ringCh = new Uint8Array(RING);
  let ringLen = 0, ringPos = 0;

  // --- One contact
  const v = new Array(CONTACT_COLS.length).fill(null);
  const replyAt = new Float64Array(16);
  let seq = 0;

  const pickAgent = (team) => TEAM_AGENTS[team][rng.w(TEAM_AGENT_W[team])];
  /** Time of a ticket reply `median` seconds (lognormal) after `from`, in working hours mostly. */
  const respond = (from, median, sigma, cap) => {
    let base = from;
    if (!working(from) && !rng.chance(0.2)) base = nextWorking(from) + rng.int(0, 45 * MIN);
    let t = base + rng.logn(median, sigma, 30, cap);
    if (!working(t) && rng.chance(0.7)) t = nextWorking(t) + rng.int(0, HOUR);
    return Math.max(from + 1, Math.round(t));
  };
  const tagsFor = (issue, seg, extra) => {
    const n = rng.w(NTAGS_W);
    const pool = ISSUE_TAGS[issue];
    let a = null, b = null, c = null;
    if (n >= 1) a = rng.pick(pool);
    if (n >= 2) { b = rng.pick(pool); if (b === a) b = null; }
    if (n >= 3) { c = rng.pick(pool); if (c === a || c === b) c = null; }
    let s = '';
    for (const t of [a, b, c, seg === 2 && rng.chance(0.5) ? 'vip' : null, extra]) if (t) s += (s ? ';' : '') + t;
    return s || null;
  };
  const FR_MEDIAN = [2.2 * HOUR, 0, 0, 2.6 * HOUR, 40 * MIN]; // tickets, in working time
  const PRIO_SPEED = [1.6, 1, 0.5, 0.25];

  // --- A chat as events (--events): rows that fold back to the facts of its contacts row `c`
  // (DESIGN.md, "events"; src/model/timeline.ts). Details the row does not hold (when each
  // message was sent, which replies used which macro, bot greetings, notes) come from `erng`.
  const ev = new Array(EVENT_COLS.length).fill(null);
  const writeTranscript = (c, plus1, f) => {
    const rows = [];
    const add = (at, type, actorType, actor = null, more = null) => rows.push({ at, type, actorType, actor, more });
    add(f.created, 'created', 'customer');
    add(f.created, 'message', 'customer');
    if (erng.chance(0.5) && f.created + 1 <= E) add(f.created + 1, 'message', 'bot', 'Supportbot');
    if (f.missed) {
      add(f.clo, 'missed', 'system');
      add(f.clo, 'closed', 'system');
    } else if (f.abd >= 0) {
      add(f.abd, 'abandoned', 'customer', null, { step: c[10] });
      add(f.clo, 'closed', 'system');
    } else if (f.ans >= 0) {
      add(f.ans, 'assigned', 'system', f.agent);
      add(f.ans, 'answered', 'agent', f.agent);
      // replies after the chat: counted only once it was solved by the export
      const later = f.end >= 0 && f.tFinalRes <= E ? f.nLater : 0;
      const agentAt = [];
      if (f.fr >= 0) agentAt.push(f.fr);
      // the rest of the conversation: replies and customer messages in random order within the chat
      const chatEnd = f.end >= 0 ? f.end : E;
      const slots = [];
      for (let i = 1; i < f.replies - later; i++) slots.push(true);
      for (let i = 1; i < f.custMsgs; i++) slots.push(false);
      const times = slots.map(() => f.fr + 1 + Math.floor(erng.next() * Math.max(1, chatEnd - f.fr - 1))).sort((a, b) => a - b);
      for (let i = slots.length - 1; i > 0; i--) {
        const j = Math.floor(erng.next() * (i + 1));
        const t = slots[i]; slots[i] = slots[j]; slots[j] = t;
      }
      slots.forEach((byAgent, i) => (byAgent ? agentAt.push(times[i]) : add(times[i], 'message', 'customer')));
      if (f.end >= 0) {
        if (erng.chance(0.15)) add(f.ans + Math.floor((f.end - f.ans) / 2), 'note', 'agent', f.agent);
        if (f.handoffs > 0) add(f.ans + Math.floor((f.end - f.ans) / 3), 'transferred', 'agent', f.agent);
        if (f.escalated) add(f.ans + Math.floor((f.end - f.ans) / 2), 'escalated', 'agent', f.agent, { reason: f.escReason });
        add(f.end, 'ended', 'system');
        if (f.wrap >= 0) add(f.wrap, 'wrap_up', 'agent', f.agent);
        const laterReplies = (from, to) => {
          for (let i = 0; i < later; i++) agentAt.push(from + 1 + Math.floor(erng.next() * Math.max(1, to - from - 1)));
        };
        if (f.tReopen >= 0) {
          add(f.end, 'resolved', 'agent', f.agent);
          if (f.tReopen <= E) {
            add(f.tReopen, 'reopened', 'customer');
            if (f.tFinalRes <= E) {
              laterReplies(f.tReopen, f.tFinalRes);
              add(f.tFinalRes, 'resolved', 'agent', f.agent);
            }
          }
        } else if (f.tFirstRes >= 0) {
          add(f.end, 'resolved', 'agent', f.agent);
        } else if (f.tFinalRes <= E) {
          laterReplies(f.end, f.tFinalRes);
          add(f.tFinalRes, 'resolved', 'agent', f.agent);
        }
        if (f.clo >= 0) add(f.clo, 'closed', 'system');
      }
      if (f.converted) add(f.end >= 0 ? f.end : f.ans, 'converted', 'system');
      // which replies used a saved reply: `canned` of them, drawn without replacement
      let cannedLeft = f.canned;
      agentAt.forEach((at, i) => {
        let more = null;
        if (cannedLeft > 0 && erng.next() * (agentAt.length - i) < cannedLeft) {
          cannedLeft--;
          more = erng.chance(0.8) ? { macro: MACROS[erng.w(MACRO_W)] } : { canned: true };
        }
        add(at, 'message', 'agent', f.agent, more);
      });
    }
    rows.sort((a, b) => a.at - b.at); // stable: same-instant events keep the order above
    rows.forEach((r, i) => {
      ev[0] = c[0];
      ev[1] = iso(r.at, plus1);
      ev[2] = r.type;
      ev[3] = r.actorType;
      ev[4] = r.actor;
      ev[5] = r.more && r.more.canned ? true : null;
      ev[6] = r.more && r.more.macro ? r.more.macro : null;
      ev[7] = r.more && r.more.reason ? r.more.reason : null;
      ev[8] = r.more && r.more.step ? r.more.step : null;
      // the contact's fields, on its first event
      ev[9] = i === 0 ? c[1] : null; // channel
      ev[10] = i === 0 ? c[13] : null; // priority
      ev[11] = i === 0 ? c[15] : null; // team
      ev[12] = i === 0 ? c[16] : null; // customer_id
      ev[13] = i === 0 ? c[17] : null; // customer_segment
      ev[14] = i === 0 ? c[18] : null; // issue_type
      events.row(ev);
    });
  };

  const makeContact = (created, dayIdx) => {
    const n = ++seq;
    const plus1 = rng.chance(0.1);
    const hour = Math.floor((created % DAY) / HOUR);
    const dayTime = working(created);
    // Customer: a follow-up of a recent contact (~11%), or anyone from the pool.
    let cust, ch, followUp = false;
    if (ringLen > 0 && rng.chance(0.11)) {
      const k = Math.floor(rng.next() * ringLen);
      cust = ringCust[k];
      followUp = true;
      ch = rng.chance(0.55) ? ringCh[k] : rng.w(dayTime ? CH_DAY : CH_NIGHT);
    } else {
      cust = pickCustomer(created);
      ch = rng.w(dayTime ? CH_DAY : CH_NIGHT);
    }
    const seg = custSeg(cust);
    const prio = ch === CHAT || ch === PHONE ? (rng.chance(0.8) ? 1 : rng.w(PRIO_BY_SEG[seg])) : rng.w(PRIO_BY_SEG[seg]);
    let issue = rng.w(ISSUE_W);
    const outage = dayIdx === spikeDay && rng.chance(0.4);
    if (outage) issue = 1;

    let fr = -1, ans = -1, end = -1, wrap = -1, res = -1, clo = -1, abd = -1, step = null;
    // chats: the first resolution, the reopen and the final resolution, and replies after the chat
    let tFirstRes = -1, tReopen = -1, tFinalRes = -1, nLater = 0;
    let missed = null, converted = null, status;
    let team, agent = null;
    let replies = 0, custMsgs = 1, handoffs = 0, reopens = 0, escalated = false, escReason = null, canned = 0;
    let slaFr = -1, slaRes = -1;
    let extraTag = outage ? 'outage' : followUp && rng.chance(0.4) ? 'follow_up' : null;

    if (!IS_LIVE[ch]) {
      // ---------------- tickets: email, web, social
      team = issue === 0 && rng.chance(0.7) ? BILLING : issue === 1 && rng.chance(0.65) ? TECHNICAL : rng.chance(0.85) ? FRONTLINE : rng.pick([BILLING, TECHNICAL]);
      if (ch !== SOCIAL && rng.chance(0.5)) {
        const urgent = prio >= 2;
        slaFr = created + (urgent ? 8 : 24) * HOUR;
        slaRes = created + (urgent ? 48 : 72) * HOUR;
      }
      const frac = (created - S) / (E - S);
      if (rng.chance(0.012)) {
        // spam or duplicate: closed without a reply and never resolved
        clo = Math.min(respond(created, 40 * MIN, 1, 2 * DAY), created + 3 * DAY);
        extraTag = 'spam';
        if (clo > E) clo = -1;
        status = clo >= 0 ? 'closed' : 'open';
        if (clo >= 0) agent = pickAgent(team);
      } else {
        let R = 1 + rng.w(REPLIES_W);
        const never = rng.chance(0.02 + 0.1 * frac * frac); // still waiting at the export, whatever its age
        const noReply = never && rng.chance(0.4);
        let nReopen = !never && rng.chance(0.08) ? (rng.chance(0.15) ? 2 : 1) : 0;
        if (R < nReopen + 1) R = nReopen + 1;
        const esc = !noReply && rng.chance(0.1);
        const stuck = !never && rng.chance(esc ? 0.12 : 0.012);
        const nHand = !noReply && rng.chance(esc ? 0.45 : 0.08) ? (rng.chance(0.2) ? 2 : 1) : 0;
        if (esc) {
          const r = rng.pick(ESC_REASONS[issue]);
          escReason = r[0];
          team = r[1];
        } else if (nHand) {
          team = rng.pick([FRONTLINE, BILLING, TECHNICAL].filter((t) => t !== team));
        }
        const speed = PRIO_SPEED[prio];
        // reply times, grouped by resolutions (each reopen starts a new group)
        const groups = nReopen + 1;
        let t = created;
        let idx = 0;
        const resolveAt = [-1, -1, -1];
        const reopenAt = [-1, -1];
        const closeDelay = rng.int(2 * DAY, 4 * DAY);
        for (let g = 0; g < groups && !noReply; g++) {
          const inGroup = g < groups - 1 ? Math.max(1, Math.floor(R / groups)) : R - idx;
          for (let i = 0; i < inGroup; i++, idx++) {
            if (idx === 0) t = respond(t, FR_MEDIAN[ch] * speed, 1.3, 3.5 * DAY);
            else if (i === 0) t = respond(t, 2 * HOUR * speed, 1, 2 * DAY);
            else t = respond(t, 5 * HOUR * speed, 1.1, 3 * DAY);
            if (esc && idx === 1) t += Math.round(rng.logn(20 * HOUR, 0.8, HOUR, 6 * DAY));
            replyAt[idx] = t;
          }
          if (never) break;
          let r = rng.chance(0.65) ? t + rng.int(0, 120) : respond(t, 3 * HOUR, 1, 2 * DAY);
          if (stuck && g === groups - 1) r += rng.int(4 * DAY, 35 * DAY);
          resolveAt[g] = r;
          t = r;
          if (g < groups - 1) {
            t = r + Math.round(rng.logn(20 * HOUR, 0.9, 10 * MIN, closeDelay - HOUR));
            reopenAt[g] = t;
          }
        }
        const finalRes = never ? -1 : resolveAt[groups - 1];
        // what has happened by the export
        for (let i = 0; i < idx; i++) if (replyAt[i] <= E) replies++;
        fr = replies > 0 ? replyAt[0] : -1;
        let reopened = 0;
        for (let g = 0; g < nReopen; g++) if (reopenAt[g] <= E) reopened++;
        reopens = reopened;
        if (!never && finalRes <= E) {
          res = finalRes;
          clo = res + closeDelay <= E ? res + closeDelay : -1;
        } else if (!never && reopened < nReopen && resolveAt[reopened] >= 0 && resolveAt[reopened] <= E) {
          res = resolveAt[reopened]; // solved, the reopen is still to come
        }
        if (fr >= 0) {
          escalated = esc;
          handoffs = nHand;
          canned = rng.binom(replies, 0.22);
          custMsgs = replies + reopens + (rng.chance(0.3) ? 1 : 0) - (res >= 0 && rng.chance(0.5) ? 1 : 0);
          if (custMsgs < 1) custMsgs = 1;
        } else {
          escReason = null;
          custMsgs = rng.chance(0.25) ? 2 : 1; // chasing an unanswered ticket
        }
        if (!escalated) escReason = null;
        agent = fr >= 0 || rng.chance(0.5) ? pickAgent(team) : null;
        status = clo >= 0 ? 'closed' : res >= 0 ? 'solved' : replies === 0 || reopens > 0 ? 'open' : rng.chance(0.55) ? 'pending' : 'open';
      }
    } else {
      // ---------------- live: chat, phone
      const isChat = ch === CHAT;
      team = isChat ? (rng.chance(0.85) ? FRONTLINE : issue === 0 ? BILLING : rng.pick([TECHNICAL, FRONTLINE])) : rng.chance(0.9) ? VOICE : FRONTLINE;
      missed = false;
      if (isChat) converted = false;
      const pMissed = isChat ? (dayTime ? 0.1 : 0.33) : 0;
      const u = rng.next();
      const load = 0.75 + (0.6 * HOURS_WEEKDAY[hour]) / MAX_HW;
      if (u < pMissed) {
        // missed: nobody answered; the chat times out and is closed
        const c = created + rng.int(2 * MIN, 10 * MIN);
        if (c <= E) { missed = true; clo = c; status = 'closed'; } else status = 'open';
      } else if (u < pMissed + 0.12) {
        // abandoned in the queue
        const w = rng.chance(0.22) ? rng.int(1, 4) : Math.round(rng.logn(55, 0.9, 5, 15 * MIN));
        const a = created + w;
        if (a <= E) {
          abd = a;
          clo = a;
          status = 'closed';
          if (isChat) step = 'queue';
          else step = w < 8 ? 'welcome_message' : w < 45 ? (rng.chance(0.7) ? 'ivr' : 'welcome_message') : rng.chance(0.8) ? 'hold_message' : 'ivr';
        } else status = 'open';
      } else {
        const wait = Math.round(rng.logn(isChat ? 35 : 28, 1, 1, 20 * MIN) * load);
        agent = pickAgent(team);
        ans = created + wait;
        fr = isChat ? ans + rng.int(3, 25) : ans;
        const handle = Math.round(isChat ? rng.logn(10.2 * MIN, 0.5, 60, 90 * MIN) : rng.logn(7.2 * MIN, 0.55, 45, 90 * MIN));
        end = ans + handle;
        wrap = end + rng.int(30, 180);
        const path_ = rng.next(); // 0.90 resolved in the contact, 0.08 later, 0.02 reopened
        const esc = rng.chance(0.05);
        const nHand = rng.chance(isChat ? 0.06 : 0.09) ? 1 : 0;
        if (esc) {
          const r = rng.pick(ESC_REASONS[issue]);
          escReason = r[0];
        }
        let finalRes, reopenAt = -1, firstRes = end;
        replies = isChat ? Math.min(40, Math.max(1, Math.round((handle / MIN) * 0.9 * (0.7 + 0.6 * rng.next())))) : 1;
        let later = 0;
        if (path_ < 0.9 && !esc) {
          finalRes = end;
          clo = wrap;
        } else if (path_ < 0.98 || esc) {
          firstRes = -1;
          finalRes = respond(end, 18 * HOUR, 1, 4 * DAY);
          clo = finalRes + rng.int(2 * DAY, 4 * DAY);
          later = rng.int(1, 2);
        } else {
          reopenAt = end + Math.round(rng.logn(DAY, 0.7, HOUR, 3 * DAY));
          finalRes = respond(reopenAt, 4 * HOUR, 1, 2 * DAY);
          clo = finalRes + rng.int(2 * DAY, 4 * DAY);
          later = 1;
        }
        tFirstRes = firstRes;
        tReopen = reopenAt;
        tFinalRes = finalRes;
        nLater = later;
        // what has happened by the export
        if (ans > E) {
          ans = fr = end = wrap = clo = -1;
          agent = null;
          replies = 0;
          status = 'open';
        } else if (end > E) {
          if (fr > E) fr = -1;
          end = wrap = clo = -1;
          replies = fr >= 0 ? 1 : 0;
          status = 'open';
        } else {
          if (wrap > E) wrap = -1;
          if (finalRes <= E) {
            res = finalRes;
            replies += later;
            reopens = reopenAt >= 0 ? 1 : 0;
          } else if (reopenAt >= 0 && reopenAt <= E) {
            reopens = 1; // reopened, not solved again yet
          } else if (firstRes >= 0) {
            res = firstRes;
          }
          if (clo > E) clo = -1;
          escalated = esc;
          handoffs = nHand;
          status = clo >= 0 ? 'closed' : res >= 0 ? 'solved' : reopens > 0 ? 'open' : 'pending';
        }
        if (!escalated) escReason = null;
        custMsgs = isChat ? Math.max(1, Math.round(replies * (0.8 + 0.5 * rng.next()))) : 1 + (res >= 0 && res !== end ? 1 : 0);
        canned = isChat ? rng.binom(replies, 0.28) : replies > 1 ? rng.binom(replies - 1, 0.3) : 0;
        if (isChat && ans >= 0) converted = rng.chance(issue === 0 || issue === 4 ? 0.14 : 0.09);
      }
    }

    // remember the contact for follow-ups
    ringCust[ringPos] = cust;
    ringRes[ringPos] = res >= 0 ? res : Infinity;
    ringCh[ringPos] = ch;
    ringPos = (ringPos + 1) % RING;
    if (ringLen < RING) ringLen++;

    const transcript = asEvents(n, ch);
    const id = transcript ? eid(n) : tid(n);
    v[0] = id;
    v[1] = CHANNELS[ch];
    v[2] = iso(created, plus1);
    v[3] = iso(fr, plus1);
    v[4] = iso(ans, plus1);
    v[5] = iso(end, plus1);
    v[6] = iso(wrap, plus1);
    v[7] = iso(res, plus1);
    v[8] = iso(clo, plus1);
    v[9] = iso(abd, plus1);
    v[10] = step;
    v[11] = missed;
    v[12] = status;
    v[13] = PRIORITIES[prio];
    v[14] = agent;
    v[15] = TEAMS[team];
    v[16] = cid(cust);
    v[17] = SEGMENTS[seg];
    v[18] = ISSUES[issue];
    v[19] = tagsFor(issue, seg, extraTag);
    v[20] = replies;
    v[21] = custMsgs;
    v[22] = handoffs;
    v[23] = reopens;
    v[24] = escalated;
    v[25] = escReason;
    v[26] = converted;
    v[27] = canned;
    v[28] = iso(slaFr, plus1);
    v[29] = iso(slaRes, plus1);
    if (transcript) {
      writeTranscript(v, plus1, { created, fr, ans, end, wrap, res, clo, abd, agent, replies, custMsgs, canned, escalated, escReason, handoffs, converted, missed, tFirstRes, tReopen, tFinalRes, nLater });
    } else {
      contacts.row(v);
    }

    // surveys after resolution: CSAT for ~30%, CES for ~3%, answered a few hours to a day later
    if (res >= 0) {
      const u = rng.next();
      if (u < 0.33) {
        const at = Math.round(res + rng.logn(5 * HOUR, 0.9, 20 * MIN, 3 * DAY));
        if (at <= E) {
          const resDays = (res - created) / DAY;
          let pSat = 0.84 - (reopens ? 0.25 : 0) - (escalated ? 0.12 : 0) - (resDays > 3 ? 0.12 : 0) - (handoffs ? 0.05 : 0);
          const sp1 = rng.chance(0.1);
          if (u < 0.3) {
            const score = rng.chance(pSat) ? (rng.chance(0.68) ? 5 : 4) : rng.pick([1, 1, 2, 2, 3, 3, 3]);
            surveys.row([sid(), 'csat', score, 5, iso(at, sp1), id, agent, CHANNELS[ch], cid(cust)]);
          } else {
            const score = rng.chance(pSat) ? rng.int(5, 7) : rng.int(1, 4);
            surveys.row([sid(), 'ces', score, 7, iso(at, sp1), id, agent, CHANNELS[ch], cid(cust)]);
          }
        }
      }
    }
  };

  // --- Main loop: one day at a time, contacts sorted by creation.
  const progressEvery = N >= 1_000_000 ? Math.ceil(N / 10) : Infinity;
  let nextProgress = progressEvery;
  for (let d = 0; d < o.days; d++) {
    const day0 = S + d * DAY;
    const dow = dowOf(day0);
    const hw = dow === 0 || dow === 6 ? HW_END : HW_DAY;
    const times = new Float64Array(perDay[d]);
    for (let i = 0; i < times.length; i++) times[i] = day0 + rng.w(hw) * HOUR + Math.floor(rng.next() * HOUR);
    times.sort();
    for (let i = 0; i < times.length; i++) {
      emitNpsUpTo(times[i]);
      makeContact(times[i], d);
      if (contacts.pending >= FLUSH_AT) await contacts.flush();
      if (surveys.pending >= FLUSH_AT) await surveys.flush();
      if (events && events.pending >= FLUSH_AT) await events.flush();
      if (seq >= nextProgress) {
        process.stderr.write(`  contacts: ${seq.toLocaleString('en-US')} / ${N.toLocaleString('en-US')}\n`);
        nextProgress += progressEvery;
      }
    }
  }
  emitNpsUpTo(E);

  // --- Customers file: the whole pool, in number order.
  for (let idx = 1; idx <= M; idx++) {
    const st = custStart(idx);
    customers.row([cid(idx), iso(st, false), iso(custEnd(idx, st), false), SEGMENTS[custSeg(idx)]]);
    if (customers.pending >= FLUSH_AT) await customers.flush();
  }

  const written = [];
  for (const out of [contacts, surveys, customers, ...(events ? [events] : [])]) written.push([out, await out.close()]);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const [out, bytes] of written) {
    process.stderr.write(`wrote ${out.file}  ${out.rows.toLocaleString('en-US')} rows  ${fmtBytes(bytes)}\n`);
  }
  process.stderr.write(
    `contacts ${N} over ${o.days} days from ${o.start} (seed ${o.seed}, ${o.format}); ` +
      `${M} customers in the pool; ${secs.toFixed(1)} s\n`,
  );
}

function fmtBytes(b) {
  if (b >= 1e9) return (b / 1e9).toFixed(2) + ' GB';
  if (b >= 1e6) return (b / 1e6).toFixed(2) + ' MB';
  if (b >= 1e3) return (b / 1e3).toFixed(1) + ' kB';
  return b + ' B';
}

generate(parseArgs(process.argv.slice(2))).catch((e) => {
  process.stderr.write(`generate-exports: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
