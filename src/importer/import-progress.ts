/**
 * What an import prints while it runs. On a terminal: a progress bar on stderr (cli-progress),
 * with the per-item lines printed above it. Otherwise (a log file, CI): a plain line every
 * `every` items on stderr, and only for imports that long, so a small import prints only what it did.
 */
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ImportEvents } from './pipeline/run-import.ts';

export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal that can redraw a line. */
  isTTY: boolean;
  /** Whether stdout is that terminal too (its lines then go above the bar, not through it). */
  stdoutIsTTY?: boolean;
}

export const PLAIN_PROGRESS_EVERY = 500;

export function progressEvents(terminal: Terminal, every = PLAIN_PROGRESS_EVERY): ImportEvents & { stop(): void } {
  let total = 0;
  let done = 0;
  let bars: MultiBar | undefined;
  let bar: SingleBar | undefined;
  return {
    start(n) {
      total = n;
      if (terminal.isTTY && n > 1) {
        bars = new MultiBar(
          { format: 'import [{bar}] {value}/{total} items | {eta_formatted} left', stream: process.stderr, hideCursor: true, clearOnComplete: true },
          Presets.shades_classic,
        );
        bar = bars.create(n, 0);
      }
    },
    step() {
      done++;
      if (bar) bar.increment();
      else if (total >= every && (done % every === 0 || done === total)) terminal.err(`import: ${done}/${total} items`);
    },
    line(stream, text) {
      // Lines on the bar's terminal are printed above it; stdout sent to a file gets them as usual.
      if (bars && (stream === 'err' || terminal.stdoutIsTTY)) bars.log(`${text}\n`);
      else (stream === 'out' ? terminal.out : terminal.err)(text);
    },
    stop() {
      bars?.update(); // prints the lines logged since the last redraw
      bars?.stop();
      bars = undefined;
      bar = undefined;
    },
  };
}
