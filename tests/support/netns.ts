import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './browser.js';

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/**
 * A private test host: a network namespace joined to this machine by a veth pair, so that one
 * browser can lose its network for real (link down) while the server and other pages keep theirs.
 * Needs root, as CI has.
 */
export class TestHost {
  readonly name: string;
  /** This machine's address on the link; the server is reached here from the test host. */
  readonly serverAddress: string;
  readonly hostAddress: string;
  /** Chromium started inside the namespace (give it to playwright as `executablePath`). */
  readonly chromium: string;
  readonly #hostLink: string;
  readonly #dir: string;

  private constructor(name: string, serverAddress: string, hostAddress: string, hostLink: string, dir: string) {
    this.name = name;
    this.serverAddress = serverAddress;
    this.hostAddress = hostAddress;
    this.#hostLink = hostLink;
    this.#dir = dir;
    this.chromium = path.join(dir, 'chromium');
    fs.writeFileSync(this.chromium, `#!/bin/sh\nexec ip netns exec ${name} ${CHROMIUM} "$@"\n`, { mode: 0o755 });
  }

  static create(): TestHost {
    const id = randomInt(1, 60_000).toString(36);
    const name = `panda-${id}`;
    const subnet = `10.231.${randomInt(0, 256)}.${randomInt(0, 64) * 4}`;
    const [a, b, c, d] = subnet.split('.').map(Number) as [number, number, number, number];
    const serverAddress = `${a}.${b}.${c}.${d + 1}`;
    const hostAddress = `${a}.${b}.${c}.${d + 2}`;
    const hostLink = `pv${id}h`;
    const nsLink = `pv${id}n`;
    ip('netns', 'add', name);
    try {
      ip('link', 'add', hostLink, 'type', 'veth', 'peer', 'name', nsLink);
      ip('link', 'set', nsLink, 'netns', name);
      ip('addr', 'add', `${serverAddress}/30`, 'dev', hostLink);
      ip('link', 'set', hostLink, 'up');
      ip('netns', 'exec', name, 'ip', 'addr', 'add', `${hostAddress}/30`, 'dev', nsLink);
      ip('netns', 'exec', name, 'ip', 'link', 'set', nsLink, 'up');
      ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
    } catch (error) {
      ip('netns', 'del', name);
      throw error;
    }
    return new TestHost(name, serverAddress, hostAddress, hostLink, fs.mkdtempSync(path.join(os.tmpdir(), 'panda-host-')));
  }

  /** Pulls the cable: nothing passes between the test host and this machine. */
  disconnect(): void {
    ip('link', 'set', this.#hostLink, 'down');
  }

  reconnect(): void {
    ip('link', 'set', this.#hostLink, 'up');
    ip('addr', 'replace', `${this.serverAddress}/30`, 'dev', this.#hostLink);
  }

  destroy(): void {
    try {
      ip('link', 'del', this.#hostLink);
    } catch {
      // Deleting the namespace below removes the pair as well.
    }
    ip('netns', 'del', this.name);
    fs.rmSync(this.#dir, { recursive: true, force: true });
  }
}
