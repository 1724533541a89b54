import type { ReadProgress } from '../ingest/read.js';
import { formatCount } from '../report/render/format.js';

const WIDTH = 24;
const MB = 1024 * 1024;

/**
 * A progress bar on stderr while inputs are read: bytes read of the file's size and rows per
 * second. Only on a terminal (`stream.isTTY`): never in a pipe, a log file or a cron mail, and
 * never on stdout, which carries the report.
 */
export function progressBar(stream: NodeJS.WriteStream, now: () => number = Date.now): ((progress: ReadProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let started = now();
  let last = 0;
  let current = '';
  return (progress) => {
    if (progress.path !== current) {
      current = progress.path;
      started = now();
    }
    if (progress.done) {
      stream.write('\r\u001b[2K');
      return;
    }
    const time = now();
    if (time - last < 100) return; // ten redraws a second are enough
    last = time;
    const seconds = Math.max(0.001, (time - started) / 1000);
    const rate = `${formatCount(Math.round(progress.rows / seconds))} rows/s`;
    const share = progress.totalBytes > 0 ? Math.min(1, progress.bytes / progress.totalBytes) : 0;
    const bar = progress.totalBytes > 0 ? `[${'#'.repeat(Math.round(share * WIDTH)).padEnd(WIDTH, '-')}] ${Math.round(share * 100)}% ` : '';
    const sizes = progress.totalBytes > 0 ? `${(progress.bytes / MB).toFixed(0)}/${(progress.totalBytes / MB).toFixed(0)} MB` : `${(progress.bytes / MB).toFixed(0)} MB`;
    stream.write(`\r\u001b[2Kreading ${progress.path} ${bar}${sizes} · ${rate}`);
  };
}
