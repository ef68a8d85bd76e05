import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

/**
 * A small real file system at `dir` — a tmpfs of `bytes` — so a test can fill it and see the real
 * ENOSPC. Needs root (mount); returns null where the kernel or the sandbox refuses.
 */
export function mountSmallDisk(dir: string, bytes: number): { unmount(): void } | null {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    return null;
  }
  return {
    unmount: () => execFileSync('umount', ['-l', dir], { stdio: 'pipe' }),
  };
}
