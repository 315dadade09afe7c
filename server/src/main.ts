import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './demo/index.js';
import { createLogger } from './logger.js';
import { startServer, type ServerRole } from './server.js';

const ROLES: readonly ServerRole[] = ['all', 'api', 'rtc'];

function roleFromArgs(args: string[]): ServerRole {
  const given = args.find((arg) => arg.startsWith('--role='))?.slice('--role='.length) ?? 'all';
  if (!(ROLES as readonly string[]).includes(given)) {
    console.error(`--role must be one of: ${ROLES.join(', ')}`);
    process.exit(2);
  }
  return given as ServerRole;
}

async function main(): Promise<void> {
  const role = roleFromArgs(process.argv.slice(2));
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const server = await startServer(config, logger, { role, version });

  const lines = [`Panda Classroom ${version} (${role}) is running: ${config.publicUrl}`];
  if (role !== 'rtc') lines.push(`API docs: ${config.publicUrl}/api/docs`);
  if (config.demoData) {
    lines.push(`Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const person of DEMO_PEOPLE) lines.push(`  ${person.role.padEnd(9)} ${person.email}`);
  }
  console.log(`\n${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Panda Classroom could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
