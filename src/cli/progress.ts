/**
 * A progress bar on stderr: `[#####.....] 6,2 %  1 234 567 / 20 000 000 rader  312 000 rader/s  kvar ≈ 1 min 2 s`.
 * Redrawn in place at most `maxPerSecond` times a second on a terminal; when stderr is not a
 * terminal (CI, a log file), a plain line at most every `plainEverySeconds` seconds instead.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Final state and a line break. */
  finish(done: number, total: number): void;
}

const nf = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const oneDecimalFormat = new Intl.NumberFormat('sv-SE', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** A number with one decimal, Swedish style (decimal comma): `56,3`. */
export const oneDecimal = (x: number) => oneDecimalFormat.format(x);

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function createProgress(
  label: string,
  opts: {
    stream?: NodeJS.WriteStream;
    maxPerSecond?: number;
    plainEverySeconds?: number;
    now?: () => number;
  } = {},
): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY);
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const minGap = tty ? 1000 / (opts.maxPerSecond ?? 4) : (opts.plainEverySeconds ?? 5) * 1000;
  let last = Number.NEGATIVE_INFINITY;

  const line = (done: number, total: number) => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const bar = tty ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
    return `${label} ${bar}${oneDecimal(share * 100)} %  ${nf.format(done)} / ${nf.format(total)} rader  ${nf.format(rate)} rader/s  kvar ≈ ${formatDuration(eta)}`;
  };
  const draw = (done: number, total: number) => {
    if (tty) stream.write(`\r${line(done, total)}\x1b[K`);
    else stream.write(`${line(done, total)}\n`);
  };
  return {
    update(done, total) {
      const t = now();
      if (t - last < minGap) return;
      last = t;
      draw(done, total);
    },
    finish(done, total) {
      draw(done, total);
      if (tty) stream.write('\n');
    },
  };
}
