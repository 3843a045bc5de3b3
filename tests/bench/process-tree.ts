/**
 * Peak resident memory of a process and everything it starts (Astro's Vite workers, Pagefind's
 * binary), sampled from Linux's /proc. RSS of the processes is summed, so pages they share are
 * counted once per process: a slight over-estimate, never an under-estimate.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/** The pid and all its descendants, found through each thread's `children` list. */
export function processTree(root: number): number[] {
  const seen = new Set<number>();
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      const children = read(`/proc/${pid}/task/${task}/children`);
      for (const child of children?.trim().split(/\s+/) ?? []) if (child) pending.push(Number(child));
    }
  }
  return [...seen];
}

/** Resident memory of one process in bytes (0 once it has ended). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : 0;
}

export interface MemorySampler {
  /** Stops sampling and returns the highest total seen, in bytes. */
  stop(): number;
}

/** `withRoot` false: only the processes `root` started (Pagefind's, when the bench indexes itself). */
export function samplePeakMemory(root: number, intervalMs = 100, withRoot = true): MemorySampler {
  let peak = 0;
  const sample = () => {
    const total = processTree(root).filter((pid) => withRoot || pid !== root).reduce((sum, pid) => sum + residentBytes(pid), 0);
    if (total > peak) peak = total;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

/**
 * CPU seconds (user + system) used by this process's children that have ended and been waited
 * for, with their own waited-for children: read before and after a child runs, the difference is
 * the CPU time of its whole tree. Unlike wall time, it barely moves when other work shares the
 * machine.
 */
export function childrenCpuSeconds(): number {
  const stat = read('/proc/self/stat') ?? '';
  // Fields after the command name, which may hold spaces, start at field 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return (cutime + cstime) / CLOCK_TICKS;
}

/** Linux's USER_HZ, 100 on every mainstream architecture. */
const CLOCK_TICKS = 100;

export interface MeasuredRun {
  code: number;
  /** stdout and stderr as they came, also written to the log file. */
  output: string;
  seconds: number;
  /** CPU time of the command's whole process tree, all cores together. */
  cpuSeconds: number;
  peakRssBytes: number;
}

/** Runs a command to its end, timed, with its tree's CPU time and peak memory; output kept in `logFile`. */
export function runMeasured(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }, logFile: string): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuBefore = childrenCpuSeconds();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = samplePeakMemory(child.pid!);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', async (code) => {
      const run = { code: code ?? 1, output, seconds: (performance.now() - started) / 1000, cpuSeconds: childrenCpuSeconds() - cpuBefore, peakRssBytes: sampler.stop() };
      await writeFile(logFile, output);
      resolve(run);
    });
  });
}
