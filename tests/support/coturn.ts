import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort } from './ports.js';

/** Debian's coturn on loopback with REST-API (shared secret) authentication. */
export class TestCoturn {
  readonly url: string;
  readonly secret: string;
  readonly #process: ChildProcess;

  private constructor(url: string, secret: string, process: ChildProcess) {
    this.url = url;
    this.secret = secret;
    this.#process = process;
  }

  static async start(): Promise<TestCoturn> {
    const port = await freePort(); // TURN listens on UDP and TCP alike on it
    const relayBase = 50_000 + Math.floor(Math.random() * 5000) * 2;
    const secret = randomBytes(16).toString('hex');
    const child = spawn(
      'turnserver',
      [
        '-n',
        '--listening-ip=127.0.0.1',
        '--relay-ip=127.0.0.1',
        `--listening-port=${port}`,
        `--min-port=${relayBase}`,
        `--max-port=${relayBase + 100}`,
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        '--realm=panda-test',
        '--fingerprint',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--allow-loopback-peers',
        '--log-file=stdout',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('coturn did not start')), 10_000);
      child.once('error', reject);
      child.stdout.on('data', (chunk: Buffer) => {
        if (/listener opened on|Total General servers/i.test(chunk.toString())) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return new TestCoturn(`turn:127.0.0.1:${port}?transport=udp`, secret, child);
  }

  async stop(): Promise<void> {
    if (this.#process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#process.once('exit', resolve));
    this.#process.kill('SIGTERM');
    await exited;
  }
}
