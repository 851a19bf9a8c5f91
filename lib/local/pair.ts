/**
 * A MariaDB primary and a read replica (GTID replication) started from the system's `mariadbd`, bound to free
 * loopback ports, with their data in one folder. `ivr db up` keeps the pair in the project's `.ivr/db`; the
 * test suite starts a throwaway pair in a temporary folder and stops it when it is done.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';

export class MariadbMissingError extends Error {
  override name = 'MariadbMissingError';
  constructor() {
    super(
      "mariadbd was not found: install MariaDB's server package (apt-get install mariadb-server), or set ORDERS_DB_URL, IVR_DB_URL and the other *_URL variables of DESIGN.md to existing servers",
    );
  }
}

export class LocalPairError extends Error {
  override name = 'LocalPairError';
}

export type Role = 'primary' | 'replica';

export interface ServerState {
  port: number;
  pid: number;
}

export interface PairState {
  dir: string;
  primary: ServerState;
  replica: ServerState;
}

/** The administrator of the local pair: root over TCP, with no password, on loopback only. */
const ADMIN_USER = 'root';
const REPLICATION_USER = 'ivr_replication';
const REPLICATION_PASSWORD = 'local-replication';
const SERVER_IDS: Record<Role, number> = { primary: 1, replica: 2 };
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

export interface StartOptions {
  /** Detached servers outlive the command that started them (`ivr db up`); attached ones die with it. */
  detached: boolean;
  /** InnoDB buffer pool per server. */
  bufferPoolMb?: number;
}

/**
 * Starts the pair in `dir` (creating it on first use), or returns the running one. Each server is looked at on
 * its own: when one of them died (killed, crashed), only that one is started again, on its port, and the
 * replica is pointed at the primary again; a server that runs is never started twice on its data folder.
 */
export async function startPair(dir: string, options: StartOptions): Promise<PairState> {
  const recorded = await readState(dir);
  const alive = await pairServers(dir);
  if (recorded && alive.primary.running && alive.replica.running) return recorded;

  const binaries = findBinaries();
  if (!recorded) await initialiseDataFolders(dir, binaries.installDb);
  const [primaryPort, replicaPort] = recorded
    ? [recorded.primary.port, recorded.replica.port]
    : ((await freePorts(2)) as [number, number]);
  const ports: Record<Role, number> = { primary: primaryPort, replica: replicaPort };
  const started: ChildProcess[] = [];
  try {
    const pids = { primary: recorded?.primary.pid ?? 0, replica: recorded?.replica.pid ?? 0 };
    const dead = (['primary', 'replica'] as const).filter((role) => !(recorded && alive[role].running));
    // A killed server leaves its socket behind, which the new one could not take.
    await Promise.all(dead.map((role) => rm(socketPath(dir, role), { force: true })));
    const launched = dead.map((role) => {
      const child = launch(binaries.mariadbd, dir, role, ports[role], options);
      started.push(child);
      pids[role] = child.pid as number;
      return waitUntilReady(dir, role, child, ports[role]);
    });
    await Promise.all(launched);
    await connectReplica(ports.primary, ports.replica);
    const state: PairState = {
      dir,
      primary: { port: ports.primary, pid: pids.primary },
      replica: { port: ports.replica, pid: pids.replica },
    };
    await writeFile(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
    return state;
  } catch (error) {
    for (const child of started) child.kill('SIGKILL');
    throw error;
  }
}

/** How one server of the pair stands: its recorded port and pid, and whether that process still runs it. */
export interface ServerStatus {
  port: number | null;
  pid: number | null;
  running: boolean;
}

/** Each server of the pair in `dir`, on its own: a pair whose replica died still has a running primary. */
export async function pairServers(dir: string): Promise<Record<Role, ServerStatus>> {
  const state = await readState(dir);
  const statusOf = (role: Role): ServerStatus => {
    const server = state?.[role];
    if (!server) return { port: null, pid: null, running: false };
    return { port: server.port, pid: server.pid, running: runsServerOf(server.pid, dir, role) };
  };
  return { primary: statusOf('primary'), replica: statusOf('replica') };
}

/** Stops the pair in `dir` (whichever of its servers still runs); waits until both have exited. */
export async function stopPair(dir: string): Promise<boolean> {
  const state = await readState(dir);
  if (!state) return false;
  const servers = await pairServers(dir);
  await Promise.all(
    (['primary', 'replica'] as const).map((role) => servers[role].running && stopServer(state[role].pid)),
  );
  // A server that was killed (tests do that to the replica) leaves its socket behind.
  await Promise.all(
    (['primary', 'replica'] as const).map((role) => rm(socketPath(dir, role), { force: true })),
  );
  await rm(stateFile(dir), { force: true });
  return true;
}

/** Stops the pair and deletes its data. */
export async function destroyPair(dir: string): Promise<void> {
  await stopPair(dir);
  await rm(dir, { recursive: true, force: true });
}

/** The pair recorded in `dir` when both its servers are still alive. */
export async function readRunningPair(dir: string): Promise<PairState | undefined> {
  const state = await readState(dir);
  const servers = await pairServers(dir);
  return state && servers.primary.running && servers.replica.running ? state : undefined;
}

export function adminConnection(port: number, database?: string): Promise<Connection> {
  return mysql.createConnection({
    host: '127.0.0.1',
    port,
    user: ADMIN_USER,
    ...(database ? { database } : {}),
    timezone: 'Z',
    charset: 'UTF8MB4_UNICODE_CI',
    multipleStatements: true,
    connectTimeout: 5000,
  });
}

export interface ReplicaStatus {
  ioRunning: boolean;
  sqlRunning: boolean;
  secondsBehind: number | null;
  lastError: string;
  gtidPosition: string;
}

export async function replicaStatus(replicaPort: number): Promise<ReplicaStatus> {
  const conn = await adminConnection(replicaPort);
  try {
    const [rows] = await conn.query<RowDataPacket[]>('SHOW SLAVE STATUS');
    const row = rows[0];
    if (!row)
      return {
        ioRunning: false,
        sqlRunning: false,
        secondsBehind: null,
        lastError: 'replication is not configured',
        gtidPosition: '',
      };
    return {
      ioRunning: row.Slave_IO_Running === 'Yes',
      sqlRunning: row.Slave_SQL_Running === 'Yes',
      secondsBehind: row.Seconds_Behind_Master === null ? null : Number(row.Seconds_Behind_Master),
      lastError: String(row.Last_IO_Error || row.Last_SQL_Error || ''),
      gtidPosition: String(row.Gtid_Slave_Pos ?? ''),
    };
  } finally {
    await conn.end();
  }
}

/** Waits until the replica has applied everything the primary had written when this was called. */
export async function waitForReplica(state: PairState, timeoutMs = 60_000): Promise<void> {
  const primary = await adminConnection(state.primary.port);
  const replica = await adminConnection(state.replica.port);
  try {
    const [[row]] = await primary.query<RowDataPacket[]>('SELECT @@gtid_binlog_pos AS pos');
    const position = String(row?.pos ?? '');
    if (!position) return;
    const [[waited]] = await replica.query<RowDataPacket[]>('SELECT MASTER_GTID_WAIT(?, ?) AS result', [
      position,
      timeoutMs / 1000,
    ]);
    if (Number(waited?.result) !== 0) {
      throw new LocalPairError(
        `the replica did not reach the primary's position ${position} within ${timeoutMs / 1000} s`,
      );
    }
  } finally {
    await Promise.all([primary.end(), replica.end()]);
  }
}

interface Binaries {
  mariadbd: string;
  installDb: string;
}

const SEARCH_PATH = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin', '/usr/local/mysql/bin'];

/** Finds mariadbd and mariadb-install-db on PATH or where Linux distributions put them. */
export function findBinaries(
  folders: string[] = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SEARCH_PATH],
): Binaries {
  const find = (...names: string[]) =>
    folders.flatMap((folder) => names.map((name) => join(folder, name))).find((path) => existsSync(path));
  const mariadbd = find('mariadbd', 'mysqld');
  const installDb = find('mariadb-install-db', 'mysql_install_db');
  if (!mariadbd || !installDb) throw new MariadbMissingError();
  return { mariadbd, installDb };
}

/**
 * The first start makes one empty data folder with `mariadb-install-db` and copies it for the replica, so
 * both begin from the same state and GTID replication starts from the primary's first transaction.
 */
async function initialiseDataFolders(dir: string, installDb: string): Promise<void> {
  if (existsSync(join(dir, 'primary', 'data', 'mysql'))) return;
  await rm(join(dir, 'primary'), { recursive: true, force: true });
  await rm(join(dir, 'replica'), { recursive: true, force: true });
  await mkdir(join(dir, 'primary'), { recursive: true });
  const data = join(dir, 'primary', 'data');
  const tmp = join(dir, 'primary', 'tmp');
  await mkdir(tmp, { recursive: true });
  try {
    await promisify(execFile)(installDb, [
      '--no-defaults',
      `--datadir=${data}`,
      // Its own temporary folder: bootstraps running at once in the shared /tmp have collided
      // ("Could not remove temporary table '/tmp/#sql-temptable-…'").
      `--tmpdir=${tmp}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...runAsArgs(),
    ]);
  } catch (error) {
    throw new LocalPairError(
      `mariadb-install-db could not create ${data}: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }
  await mkdir(join(dir, 'replica'), { recursive: true });
  await cp(data, join(dir, 'replica', 'data'), { recursive: true });
}

function launch(
  mariadbd: string,
  dir: string,
  role: Role,
  port: number,
  options: StartOptions,
): ChildProcess {
  const folder = join(dir, role);
  mkdirSync(join(folder, 'tmp'), { recursive: true });
  const args = [
    '--no-defaults',
    `--datadir=${join(folder, 'data')}`,
    `--tmpdir=${join(folder, 'tmp')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${socketPath(dir, role)}`,
    `--pid-file=${join(folder, 'mariadbd.pid')}`,
    `--log-error=${join(folder, 'error.log')}`,
    `--server-id=${SERVER_IDS[role]}`,
    '--log-bin=binlog',
    '--binlog-format=ROW',
    '--gtid-strict-mode=ON',
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    // NOW() and CURRENT_TIMESTAMP in UTC, like the contract's DATETIMEs.
    '--default-time-zone=+00:00',
    '--local-infile=ON',
    '--max-allowed-packet=64M',
    '--performance-schema=OFF',
    `--innodb-buffer-pool-size=${options.bufferPoolMb ?? 256}M`,
    '--innodb-log-file-size=256M',
    // A developer's copy, not the shop's: durability is traded for load speed.
    '--innodb-flush-log-at-trx-commit=2',
    '--sync-binlog=0',
    ...(role === 'replica' ? ['--read-only=ON', '--skip-slave-start', '--relay-log=relay'] : []),
    ...runAsArgs(),
  ];
  const child = spawn(mariadbd, args, { detached: options.detached, stdio: 'ignore' });
  if (options.detached) child.unref();
  return child;
}

async function waitUntilReady(dir: string, role: Role, child: ChildProcess, port: number): Promise<void> {
  let exitCode: number | null = null;
  child.once('exit', (code) => {
    exitCode = code ?? -1;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      throw new LocalPairError(
        `the ${role} mariadbd exited with code ${exitCode}: ${await errorLogTail(dir, role)}`,
      );
    }
    try {
      const conn = await adminConnection(port);
      await conn.end();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new LocalPairError(
    `the ${role} did not accept connections on port ${port} within ${START_TIMEOUT_MS / 1000} s: ${await errorLogTail(dir, role)}`,
  );
}

/**
 * Points the replica at the primary. Run on every start: the ports are chosen anew each time, and
 * `slave_pos` makes the replica continue from the last transaction it applied.
 */
async function connectReplica(primaryPort: number, replicaPort: number): Promise<void> {
  const primary = await adminConnection(primaryPort);
  try {
    await primary.query(
      `CREATE USER IF NOT EXISTS '${REPLICATION_USER}'@'%' IDENTIFIED BY '${REPLICATION_PASSWORD}';
       GRANT REPLICATION SLAVE ON *.* TO '${REPLICATION_USER}'@'%'`,
    );
  } finally {
    await primary.end();
  }
  const replica = await adminConnection(replicaPort);
  try {
    await replica.query('STOP SLAVE');
    await replica.query(
      `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primaryPort}, MASTER_USER='${REPLICATION_USER}',
       MASTER_PASSWORD='${REPLICATION_PASSWORD}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1`,
    );
    await replica.query('START SLAVE');
  } finally {
    await replica.end();
  }
}

async function stopServer(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await sleep(50);
  }
}

/**
 * Whether process `pid` is the mariadbd of `role` in `dir`: alive, and (where /proc tells) started on that
 * role's data folder, so that a pid the system gave to another process since is not taken for the server.
 */
function runsServerOf(pid: number, dir: string, role: Role): boolean {
  if (!isAlive(pid)) return false;
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(`--datadir=${join(dir, role, 'data')}`);
  } catch {
    return true; // no /proc: the pid is all there is to go by
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readState(dir: string): Promise<PairState | undefined> {
  try {
    return JSON.parse(await readFile(stateFile(dir), 'utf8')) as PairState;
  } catch {
    return undefined;
  }
}

function stateFile(dir: string): string {
  return join(dir, 'pair.json');
}

/** Unix socket paths are limited to about 100 bytes, so they live in the temp folder, named after `dir`. */
function socketPath(dir: string, role: Role): string {
  const id = createHash('sha256').update(dir).digest('hex').slice(0, 12);
  return join(tmpdir(), `ivr-${id}-${role}.sock`);
}

/** mariadbd refuses to run as root unless told to. */
function runAsArgs(): string[] {
  return process.getuid?.() === 0 ? [`--user=${userInfo().username}`] : [];
}

async function errorLogTail(dir: string, role: Role): Promise<string> {
  try {
    const log = await readFile(join(dir, role, 'error.log'), 'utf8');
    return log
      .split('\n')
      .filter((line) => /ERROR|error/.test(line))
      .slice(-3)
      .join(' | ');
  } catch {
    return 'no error log was written';
  }
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
