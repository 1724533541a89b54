import type { CheckOutcome, CheckResult } from '../check.js';
import { formatDuration } from './format.js';

/** The name of a check as people read it: `first_response_time.p90 <= 14400`. */
function checkName(check: CheckOutcome): string {
  const field = check.field === 'value' ? '' : `.${check.field}`;
  return `${check.metric}${field} ${check.op} ${check.threshold}`;
}

function measured(check: CheckOutcome): string {
  if (check.value === null) return 'no value';
  const rounded = Number(check.value.toFixed(4));
  return check.metric.endsWith('_time') || check.metric === 'after_contact_work' ? `${rounded} (${formatDuration(check.value)})` : String(rounded);
}

/** One line per threshold, for a terminal or a CI log. */
function describe(check: CheckOutcome): string {
  const verdict = check.passed ? 'PASS' : 'FAIL';
  const why = check.reason ? `: ${check.reason}` : '';
  return `${verdict} ${checkName(check)}: measured ${measured(check)} (n = ${check.n})${why}`;
}

export function renderCheckText(result: CheckResult): string {
  const failed = result.checks.filter((check) => !check.passed).length;
  const summary = failed === 0 ? `all ${result.checks.length} thresholds hold` : `${failed} of ${result.checks.length} thresholds failed`;
  return `${result.checks.map(describe).join('\n')}\n${summary} (period ${result.period.label})\n`;
}

export function renderCheckJson(result: CheckResult): string {
  const checks = result.checks.map(({ metric, field, op, threshold, value, n, passed, reason }) => ({
    metric,
    field,
    op,
    threshold,
    value,
    n,
    passed,
    ...(reason ? { reason } : {}),
  }));
  return `${JSON.stringify({ passed: result.passed, period: result.period, checks }, null, 2)}\n`;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: one test case per threshold, for CI test reporters. */
export function renderCheckJunit(result: CheckResult): string {
  const failures = result.checks.filter((check) => !check.passed).length;
  const cases = result.checks.map((check) => {
    const name = escapeXml(checkName(check));
    if (check.passed) return `    <testcase classname="supmetrics.check" name="${name}"/>`;
    const message = escapeXml(describe(check));
    return `    <testcase classname="supmetrics.check" name="${name}">\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="supmetrics check" tests="${result.checks.length}" failures="${failures}">`,
    `  <testsuite name="supmetrics check ${escapeXml(result.period.label)}" tests="${result.checks.length}" failures="${failures}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** GitHub Actions workflow commands: an error annotation per failed threshold, a notice per passed one. */
export function renderCheckGithub(result: CheckResult): string {
  // workflow command data must escape %, CR and LF
  const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  return result.checks
    .map((check) => `::${check.passed ? 'notice' : 'error'} title=supmetrics check::${data(describe(check))}\n`)
    .join('');
}

export const CHECK_RENDERERS = {
  text: renderCheckText,
  json: renderCheckJson,
  junit: renderCheckJunit,
  github: renderCheckGithub,
} satisfies Record<string, (result: CheckResult) => string>;

export type CheckFormat = keyof typeof CHECK_RENDERERS;
export const CHECK_FORMATS = Object.keys(CHECK_RENDERERS) as CheckFormat[];
