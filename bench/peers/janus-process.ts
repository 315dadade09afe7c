import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface JanusSettings {
  /** The address Janus gathers its ICE candidates on (libnice skips loopback): a veth's. */
  mediaAddress: string;
  /** Port of the HTTP API on 127.0.0.1. */
  httpPort: number;
}

/** Where Debian's janus package keeps its plugins and transports, by architecture. */
function janusLibDir(): string {
  const candidates = fs
    .readdirSync('/usr/lib')
    .map((entry) => path.join('/usr/lib', entry, 'janus'))
    .concat('/usr/lib/janus');
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'plugins', 'libjanus_videoroom.so')));
  if (!found || spawnSync('janus', ['--help'], { stdio: 'ignore' }).error) {
    throw new Error('Janus is not installed: apt-get install -y janus');
  }
  return found;
}

/**
 * Debian's Janus (1.1.2) as a peer SFU for comparisons: started with a generated configuration
 * folder where the only plugin is the videoroom and the only transport plain HTTP on 127.0.0.1
 * (no admin API, no event handlers or loggers), so that it starts fast and carries nothing else.
 * It runs in the caller's network namespace; `stop()`, the end of this process, Ctrl-C and even a
 * killed parent (parent-death signal) all end it and remove its folder.
 */
export class JanusProcess {
  /** The Janus API's base URL. */
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #dir: string;
  readonly #onExit = () => this.#kill();
  readonly #onSignal = (signal: NodeJS.Signals) => {
    this.#kill();
    process.exit(128 + os.constants.signals[signal]);
  };

  private constructor(url: string, child: ChildProcess, dir: string) {
    this.url = url;
    this.#child = child;
    this.#dir = dir;
    process.once('exit', this.#onExit);
    process.once('SIGINT', this.#onSignal);
    process.once('SIGTERM', this.#onSignal);
  }

  static async start(settings: JanusSettings): Promise<JanusProcess> {
    const lib = janusLibDir();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panda-janus-'));
    writeConfig(dir, lib, settings);
    const child = spawn(
      'setpriv',
      ['--pdeathsig', 'KILL', 'janus', '--configs-folder', dir, '--config', path.join(dir, 'janus.jcfg'), '--disable-stdout', '--log-file', path.join(dir, 'janus.log')],
      { stdio: 'ignore' },
    );
    const janus = new JanusProcess(`http://127.0.0.1:${settings.httpPort}/janus`, child, dir);
    try {
      await janus.#ready();
    } catch (error) {
      await janus.stop();
      throw error;
    }
    return janus;
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  /** Ends Janus (SIGTERM, SIGKILL after 5 s) and removes its folder. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
      this.#child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
    }
    this.#kill();
    process.off('exit', this.#onExit);
    process.off('SIGINT', this.#onSignal);
    process.off('SIGTERM', this.#onSignal);
  }

  /** Synchronous, for exit handlers. */
  #kill(): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }

  /** Waits until the API answers `info` (plugins loaded, HTTP listening). */
  async #ready(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.#child.exitCode !== null || this.#child.signalCode !== null) throw new Error(`janus exited at start:\n${this.#logTail()}`);
      const info = await fetch(`${this.url}/info`)
        .then((response) => (response.ok ? (response.json() as Promise<{ plugins?: Record<string, unknown> }>) : undefined))
        .catch(() => undefined);
      if (info?.plugins) {
        if (!('janus.plugin.videoroom' in info.plugins)) throw new Error(`janus started without the videoroom plugin:\n${this.#logTail()}`);
        return;
      }
      if (Date.now() > deadline) throw new Error(`janus did not answer within 20 s:\n${this.#logTail()}`);
      await sleep(100);
    }
  }

  #logTail(): string {
    try {
      return fs.readFileSync(path.join(this.#dir, 'janus.log'), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/**
 * janus.jcfg and the two module configurations, in libconfig syntax. Plugin and transport folders
 * hold links to just the two modules: Janus loads every module it finds in them.
 */
function writeConfig(dir: string, lib: string, { mediaAddress, httpPort }: JanusSettings): void {
  for (const [folder, module] of [
    ['plugins', 'libjanus_videoroom.so'],
    ['transports', 'libjanus_http.so'],
  ] as const) {
    fs.mkdirSync(path.join(dir, folder));
    fs.symlinkSync(path.join(lib, folder, module), path.join(dir, folder, module));
  }
  fs.mkdirSync(path.join(dir, 'events'));
  fs.mkdirSync(path.join(dir, 'loggers'));
  fs.writeFileSync(
    path.join(dir, 'janus.jcfg'),
    `general: {
  configs_folder = "${dir}"
  plugins_folder = "${dir}/plugins"
  transports_folder = "${dir}/transports"
  events_folder = "${dir}/events"
  loggers_folder = "${dir}/loggers"
  debug_level = 4
  server_name = "panda-bench"
}
certificates: {}
media: {}
nat: {
  nice_debug = false
  ice_enforce_list = "${mediaAddress}"
  ignore_mdns = true
}
plugins: {}
transports: {}
loggers: {}
events: {}
`,
  );
  fs.writeFileSync(path.join(dir, 'janus.plugin.videoroom.jcfg'), 'general: {}\n');
  fs.writeFileSync(
    path.join(dir, 'janus.transport.http.jcfg'),
    `general: {
  json = "compact"
  base_path = "/janus"
  http = true
  port = ${httpPort}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
  admin_https = false
}
cors: {}
certificates: {}
`,
  );
}
