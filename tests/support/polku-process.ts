import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli/polku.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `polku ARGS...` to completion as a real process. */
export async function runPolku(args: string[], { cwd = ROOT } = {}): Promise<Finished> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

export interface RunningPolku {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends SIGKILL (a crash) and resolves once the process is gone. */
  crash(): Promise<void>;
}

/** Starts a long-running `polku` command and resolves once it prints `listening on URL` / `serving ... on URL`. */
export function startPolku(args: string[], { cwd = ROOT, timeoutMs = 60_000 } = {}): Promise<RunningPolku> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolveStarted, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`polku ${args.join(' ')} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /(?:listening on|serving .* on) (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveStarted({
          url: match[1].replace(/\/$/, ''),
          process: child,
          output: () => output,
          stop: async () => {
            if (child.exitCode !== null) return child.exitCode;
            const closed = once(child, 'close');
            child.kill('SIGTERM');
            const [code] = (await closed) as [number | null];
            return code;
          },
          crash: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const closed = once(child, 'close');
            child.kill('SIGKILL');
            await closed;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`polku ${args.join(' ')} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
