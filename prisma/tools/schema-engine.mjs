#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary, which the CLI would download from
// binaries.prisma.sh. The CLI spawns it (see PRISMA_SCHEMA_ENGINE_BINARY) in one of two ways:
//   schema-engine --datasource '{"url":…}' cli <command>     one-shot helper, exit code = result
//   schema-engine --datamodels <file>… --datasource '{…}'    newline-delimited JSON-RPC on stdio
// Every RPC call is forwarded to the WASM build of the same engine (the exact build the CLI ships
// in prisma/build), which reaches PostgreSQL through the `pg` driver adapter.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// JSON-RPC method (as sent by the CLI) → method of the WASM SchemaEngine.
const RPC_METHODS = new Map([
  ['applyMigrations', 'applyMigrations'],
  ['createMigration', 'createMigration'],
  ['dbExecute', 'dbExecute'],
  ['devDiagnostic', 'devDiagnostic'],
  ['diagnoseMigrationHistory', 'diagnoseMigrationHistory'],
  ['diff', 'diff'],
  ['evaluateDataLoss', 'evaluateDataLoss'],
  ['getDatabaseVersion', 'version'],
  ['introspect', 'introspect'],
  ['introspectSql', 'introspectSql'],
  ['markMigrationApplied', 'markMigrationApplied'],
  ['markMigrationRolledBack', 'markMigrationRolledBack'],
  ['reset', 'reset'],
  ['schemaPush', 'schemaPush'],
]);

// The engine's introspection queries return Postgres' internal "char" type (OID 18, e.g.
// pg_constraint.contype), which adapter-pg refuses as an unsupported column type. Its values are
// plain one-character strings, so report such columns as text (OID 25).
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function addFieldsCharAsText(fields) {
  for (const field of fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  return addFields.call(this, fields);
};

const { values: args, positionals } = parseArgs({
  options: {
    datamodels: { type: 'string', multiple: true, default: [] },
    datasource: { type: 'string', default: '{}' },
    // Passed by the CLI but meaningless to the WASM engine, which has no such options.
    'enabled-preview-features': { type: 'string' },
    'extension-types': { type: 'string' },
    version: { type: 'boolean' }, // `prisma -v` shows this
  },
  allowPositionals: true,
});
const { url } = JSON.parse(args.datasource);

try {
  if (args.version) console.log(`schema-engine-wasm ${(await loadSchemaEngine()).version()}`);
  else if (positionals[0] === 'cli') process.exitCode = await runCliCommand(positionals[1]);
  else await serveJsonRpc();
} catch (error) {
  log('ERROR', error.message);
  process.exitCode = 1;
}

/** The CLI reads the engine's stderr as JSON log lines and reports the ERROR ones. */
function log(level, message, errorCode) {
  const fields = errorCode ? { message, error_code: errorCode } : { message };
  process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine::logger', fields })}\n`);
}

function postgresConfig() {
  if (!/^postgres(ql)?:\/\//.test(url ?? '')) {
    throw new Error(`The offline schema engine supports postgresql:// URLs only, got ${JSON.stringify(url)}`);
  }
  // Discrete fields rather than connectionString: pg lets a connection string override `database`,
  // which would point the shadow database at the main one.
  const { schema, ...config } = parseIntoClientConfig(url);
  return { config, options: schema ? { schema } : undefined };
}

async function runStatement(config, sql) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `cli can-connect-to-database` / `cli create-database`, used by `migrate dev` before the RPC session. */
async function runCliCommand(command) {
  // The CLI skips the first stderr line of these commands: the native engine's start-up log.
  log('INFO', 'Starting offline schema engine (WASM) CLI');
  if (url.startsWith('pglite:')) return 0;
  const { config } = postgresConfig();
  try {
    if (command === 'can-connect-to-database') await runStatement(config, 'SELECT 1');
    else if (command === 'create-database') {
      await runStatement({ ...config, database: 'postgres' }, `CREATE DATABASE ${pg.escapeIdentifier(config.database)}`);
    } else throw new Error(`Unsupported schema engine command: cli ${command}`);
    return 0;
  } catch (error) {
    // The CLI creates the database on P1003 and shows the other codes to the user.
    const where = `${config.host}:${config.port ?? 5432}`;
    if (error.code === '3D000') log('ERROR', `Database \`${config.database}\` does not exist at \`${where}\``, 'P1003');
    else if (error.code === 'ECONNREFUSED') log('ERROR', `Can't reach database server at \`${where}\``, 'P1001');
    else if (error.code === '28P01' || error.code === '28000') log('ERROR', error.message, 'P1000');
    else log('ERROR', error.message);
    return 1;
  }
}

/** Driver-adapter factory for the engine: the main database plus throwaway shadow databases. */
function postgresAdapterFactory() {
  const { config, options } = postgresConfig();
  const main = new PrismaPg(config, options);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => main.connect(),
    // adapter-pg's own connectToShadowDb drops the shadow database while its pool is still
    // connected (which Postgres refuses) and never closes its admin connection.
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await runStatement(config, `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      const adapter = await new PrismaPg({ ...config, database }, options).connect();
      const closePool = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await closePool();
        await runStatement(config, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)}`);
      };
      return adapter;
    },
  };
}

async function loadSchemaEngine() {
  // Use the WASM file bundled with the prisma CLI: it is the engine commit the CLI was released
  // with. The npm package only provides the (build-independent) wasm-bindgen JS glue.
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve('prisma/package.json'));
  const bytes = await readFile(path.join(prismaDir, 'build', 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return engineBindings;
}

async function serveJsonRpc() {
  const { SchemaEngine } = await loadSchemaEngine();
  const datamodels = await Promise.all(args.datamodels.map(async (file) => [file, await readFile(file, 'utf8')]));
  const engine = await SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    (log) => process.stderr.write(log), // already JSON log lines, as the CLI expects
    bindMigrationAwareSqlAdapterFactory(url.startsWith('pglite:') ? new PrismaPGlite(new PGlite(url.slice(7) === 'memory' ? undefined : url.slice(7))) : postgresAdapterFactory()),
  );
  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

  async function call({ id, method, params }) {
    const engineMethod = RPC_METHODS.get(method);
    if (!engineMethod) throw new Error(`The offline schema engine does not implement \`${method}\``);
    if (method === 'evaluateDataLoss' || method === 'createMigration') {
      // These two never open a shadow database in the WASM engine: they only read the schema of
      // the migration history from a cache that diagnoseMigrationHistory fills, keyed by the
      // migrations applied to the main database. `migrate dev` runs that diagnosis before applying
      // pending migrations, so diagnose again now that the whole history is applied.
      const { migrationsList, filters } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    }
    const result = await engine[engineMethod](params);
    if (method !== 'diff') return result ?? {};
    // The native engine prints the diff through a `print` request to the CLI; the WASM one returns it.
    if (result.stdout) send({ id: `print-${id}`, method: 'print', params: { content: result.stdout } });
    return { exitCode: result.exitCode };
  }

  let queue = Promise.resolve();
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const request = JSON.parse(line);
    // Lines without a method are the CLI's acknowledgements of our `print` requests.
    if (!request.method) continue;
    queue = queue.then(async () => {
      try {
        send({ id: request.id, result: await call(request) });
      } catch (error) {
        send({ id: request.id, error: rpcError(error) });
      }
    });
  }
  await queue;
  // Like the native engine, stop when the CLI closes stdin; the WASM engine and the pg pools would
  // keep the process alive for a while with pending timers (stdout is a pipe, written synchronously).
  process.exit();
}

/** Shapes an engine error the way the native engine reports it, so the CLI shows its P-code. */
function rpcError(error) {
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: {
      is_panic: error instanceof WebAssembly.RuntimeError,
      message: error.message,
      error_code: error.code,
      meta: error.meta,
    },
  };
}
