/**
 * One throw-away ClickHouse server (Debian's `clickhouse-server`) on free loopback ports, for the peer
 * benchmark: its own data folder, no users but `default` from loopback, stopped with the bench.
 * Install it with `apt-get install -y clickhouse-server` (it does not start by itself).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ClickHouseServer {
  url: string;
  /** Runs one statement over HTTP and returns the response text; a ClickHouse error throws with its message. */
  query(sql: string, body?: BodyInit, settings?: Record<string, string | number>): Promise<string>;
  stop(): Promise<void>;
}

// Debian installs the server binary under /usr/sbin.
const SERVER = '/usr/sbin/clickhouse-server';

export async function startClickHouse(): Promise<ClickHouseServer> {
  if (!existsSync(SERVER)) {
    throw new Error(`${SERVER} is missing: install Debian's package with "apt-get install -y clickhouse-server"`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'polku-clickhouse-'));
  for (const sub of ['data', 'tmp', 'log', 'user_files']) mkdirSync(join(folder, sub));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  writeFileSync(join(folder, 'users.xml'), USERS_XML);
  writeFileSync(join(folder, 'config.xml'), serverConfig(folder, httpPort, tcpPort));
  const child = spawn(SERVER, [`--config-file=${join(folder, 'config.xml')}`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${httpPort}/`;
  await waitForPing(url, child);
  const query = async (sql: string, body?: BodyInit, settings: Record<string, string | number> = {}) => {
    const params = new URLSearchParams({
      ...Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
    });
    const target =
      body === undefined
        ? `${url}?${params}`
        : `${url}?${new URLSearchParams({ query: sql, ...Object.fromEntries(params) })}`;
    const response = await fetch(target, {
      method: 'POST',
      body: body ?? sql,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await response.text();
    if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${text.trim()}`);
    return text;
  };
  return {
    url,
    query,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function waitForPing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with status ${child.exitCode} at start`);
    try {
      if ((await fetch(`${url}ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('clickhouse-server did not answer /ping within 30 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

// 18.16 still reads the <yandex> root element; current servers accept it too.
function serverConfig(folder: string, httpPort: number, tcpPort: number): string {
  return `<yandex>
  <logger><level>warning</level><log>${folder}/log/server.log</log><errorlog>${folder}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${folder}/data/</path>
  <tmp_path>${folder}/tmp/</tmp_path>
  <user_files_path>${folder}/user_files/</user_files_path>
  <users_config>${folder}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>536870912</mark_cache_size>
</yandex>
`;
}

const USERS_XML = `<yandex>
  <profiles><default></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;
