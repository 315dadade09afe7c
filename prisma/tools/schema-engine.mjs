#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary, which the CLI would download from
// binaries.prisma.sh. The CLI spawns it (PRISMA_SCHEMA_ENGINE_BINARY) in one of three ways:
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli <command>     one-shot helper; exit code = result
//   schema-engine --datamodels <file>… --datasource '{…}'    newline-delimited JSON-RPC on stdio
// RPC calls go to the WASM build of the engine: the very build the CLI ships in prisma/build,
// reaching the database through a driver adapter (pg for postgresql:// URLs, or PGlite for
// pglite:<folder> and pglite:memory).
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import * as engineBindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { PrismaPGlite } from 'pglite-prisma-adapter';

// JSON-RPC method (as the CLI names it) → method of the WASM SchemaEngine.
const RPC_METHODS = new Map([
  ['applyMigrations', 'applyMigrations'],
  ['createMigration', 'createMigration'],
  ['dbExecute', 'dbExecute'],
  ['debugPanic', 'debugPanic'],
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

// The engine's introspection queries read Postgres' internal "char" type (OID 18, e.g.
// pg_constraint.contype), which adapter-pg rejects ("Column type 'char' could not be
// deserialized"), and which the engine's schema describer reads as a character: reporting such
// columns as text makes it panic on the first CHECK or EXCLUDE constraint it meets ("Getting
// constraint_type … as char failed"). So adapter-pg gets them as text (OID 25), and its results
// then declare those columns as the driver-adapter type Character, which the engine reads as a char.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const charColumns = new AsyncLocalStorage();
function reportCharColumnsAsCharacter(adapter) {
  // The class (PgQueryable) that adapter-pg's connections and transactions share.
  let queryable = Object.getPrototypeOf(adapter);
  while (!Object.hasOwn(queryable, 'performIO')) queryable = Object.getPrototypeOf(queryable);
  if (queryable.charColumnsPatched) return;
  queryable.charColumnsPatched = true;
  const { performIO, queryRaw } = queryable;
  queryable.performIO = async function performIOCharAsText(query) {
    const result = await performIO.call(this, query);
    result.fields?.forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      charColumns.getStore()?.push(index);
    });
    return result;
  };
  queryable.queryRaw = function queryRawCharAsCharacter(query) {
    const indices = [];
    return charColumns.run(indices, async () => {
      const result = await queryRaw.call(this, query);
      for (const index of indices) result.columnTypes[index] = ColumnTypeEnum.Character;
      return result;
    });
  };
}

// The engine's Rust panic hook reports the panic message here; the JS error is only "unreachable".
let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY = {
  set_message: (message) => {
    panicMessage = message;
  },
};

const { values: args, positionals } = parseArgs({
  options: {
    version: { type: 'boolean' },
    datamodels: { type: 'string', multiple: true, default: [] },
    datasource: { type: 'string', default: '{}' },
    // Passed by the CLI, but the WASM engine has no such options.
    'enabled-preview-features': { type: 'string' },
    'extension-types': { type: 'string' },
  },
  allowPositionals: true,
});
const url = JSON.parse(args.datasource).url ?? '';

/** The CLI reads the engine's stderr as JSON log lines and reports the ERROR ones. */
function log(level, message, errorCode) {
  const fields = errorCode ? { message, error_code: errorCode } : { message };
  process.stderr.write(`${JSON.stringify({ level, target: 'schema_engine::logger', fields })}\n`);
}

function postgresConfig() {
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error('The offline schema engine supports postgresql:// and pglite: URLs only');
  }
  // Discrete fields rather than a connectionString: pg lets a connection string override
  // `database`, which would point the shadow databases at the main one.
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

/** `cli can-connect-to-database` and `cli create-database`, which `migrate dev` runs first. */
async function runCliCommand(command) {
  // The CLI skips the first stderr line of these commands: the native engine's start-up log.
  log('INFO', 'Starting the offline (WASM) schema engine');
  if (command !== 'can-connect-to-database' && command !== 'create-database') {
    throw new Error(`The offline schema engine does not implement \`cli ${command}\``);
  }
  // PGlite creates its folder when opened.
  if (url.startsWith('pglite:')) return 0;
  const { config } = postgresConfig();
  try {
    if (command === 'can-connect-to-database') {
      await runStatement(config, 'SELECT 1');
    } else {
      // Through the `postgres` maintenance database, as the target doesn't exist yet.
      const sql = `CREATE DATABASE ${pg.escapeIdentifier(config.database)}`;
      await runStatement({ ...config, database: 'postgres' }, sql);
    }
    return 0;
  } catch (error) {
    // The CLI creates the database on P1003 and shows the other errors to the user.
    const where = `${config.host}:${config.port ?? 5432}`;
    if (error.code === '3D000') log('ERROR', `Database \`${config.database}\` does not exist at \`${where}\``, 'P1003');
    else if (error.code === 'ECONNREFUSED') log('ERROR', `Can't reach database server at \`${where}\``, 'P1001');
    else if (error.code === '28P01' || error.code === '28000') log('ERROR', error.message, 'P1000');
    else log('ERROR', error.message);
    return 1;
  }
}

/**
 * adapter-pg runs a script by splitting it at every `;`, which cuts function bodies (`$$ … $$`) of
 * migrations apart. PostgreSQL's simple query protocol runs a whole script as it is.
 */
function wholeScripts(adapter) {
  reportCharColumnsAsCharacter(adapter);
  adapter.executeScript = async function executeScript(script) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  return adapter;
}

/** Driver-adapter factory for PostgreSQL: the main database plus throwaway shadow databases. */
function postgresAdapterFactory() {
  const { config, options } = postgresConfig();
  const main = new PrismaPg(config, options);
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(await main.connect()),
    // Not adapter-pg's own: that one drops the shadow database while its pool is still connected
    // (which PostgreSQL refuses) and leaves its admin connection open.
    async connectToShadowDb() {
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await runStatement(config, `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
      const adapter = wholeScripts(await new PrismaPg({ ...config, database }, options).connect());
      const closePool = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await closePool();
        await runStatement(config, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)}`);
      };
      return adapter;
    },
  };
}

/** Same URL forms as src/url.ts; a relative folder is relative to prisma/, where the CLI runs us. */
function adapterFactory() {
  if (!url.startsWith('pglite:')) return postgresAdapterFactory();
  const location = url.slice('pglite:'.length);
  // The extensions of src/open.ts's createPglite, which the migrations use.
  return new PrismaPGlite(new PGlite(location === 'memory' ? undefined : location, { extensions: { btree_gist } }));
}

async function loadEngine() {
  // The WASM file bundled with the prisma CLI is the engine commit the CLI was released with;
  // the npm package provides the wasm-bindgen JS glue, identical across its builds.
  const prismaDir = path.dirname(createRequire(import.meta.url).resolve('prisma/package.json'));
  const bytes = await readFile(path.join(prismaDir, 'build', 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': engineBindings });
  engineBindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return engineBindings;
}

/** Shapes an error the way the native engine reports it, so the CLI shows its P-code. */
function rpcError(error) {
  const isPanic = error instanceof WebAssembly.RuntimeError;
  const message = (isPanic && panicMessage) || error.message;
  return { code: 4466, message, data: { is_panic: isPanic, message, error_code: error.code } };
}

async function serveJsonRpc() {
  const { SchemaEngine } = await loadEngine();
  const datamodels = await Promise.all(args.datamodels.map(async (file) => [file, await readFile(file, 'utf8')]));
  const engine = await SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    (logLine) => process.stderr.write(logLine), // already a JSON log line, as the CLI expects
    bindMigrationAwareSqlAdapterFactory(adapterFactory()),
  );
  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);

  async function call({ id, method, params }) {
    const engineMethod = RPC_METHODS.get(method);
    if (!engineMethod) throw new Error(`The offline schema engine does not implement \`${method}\``);
    if (method === 'evaluateDataLoss' || method === 'createMigration') {
      // Unlike the native engine, the WASM one can't open a shadow database for these two: it
      // only takes the migration history's schema from a cache that diagnoseMigrationHistory
      // fills, keyed by the migrations applied to the main database. `migrate dev` diagnoses
      // before it applies pending migrations, so diagnose again now that all are applied.
      const { migrationsList, filters } = params;
      await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    }
    const result = await engine[engineMethod](params);
    if (method !== 'diff') return result ?? {};
    // The native engine prints the diff through a `print` request to the CLI; the WASM one returns it.
    if (result.stdout) send({ id: `print-${id}`, method: 'print', params: { content: result.stdout } });
    return { exitCode: result.exitCode };
  }

  // A panic in a task the engine spawned surfaces as an uncaught exception, not as a rejection of
  // the call. Left alone it kills this process without an answer, and the CLI then reports success
  // with empty output (a `migrate diff --exit-code` that finds "no difference"). Answer the pending
  // request with the error instead; the engine is unusable after a panic, so exit too.
  let pendingId;
  const failPending = (error) => {
    if (pendingId === undefined) log('ERROR', rpcError(error).message);
    else send({ id: pendingId, error: rpcError(error) });
    process.exit(1);
  };
  process.on('uncaughtException', failPending);
  process.on('unhandledRejection', failPending);

  // One request at a time, like the native engine.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    const request = JSON.parse(line);
    // Lines without a method are the CLI's acknowledgements of our `print` requests.
    if (!request.method) continue;
    pendingId = request.id;
    try {
      send({ id: request.id, result: await call(request) });
    } catch (error) {
      send({ id: request.id, error: rpcError(error) });
    }
    pendingId = undefined;
  }
  // The CLI closed stdin: done. Exit explicitly, as timers left by the WASM engine and the
  // connection pools would keep the process alive for a while (stdout, a pipe, is synchronous).
  process.exit();
}

try {
  if (args.version) console.log(`schema-engine-wasm ${(await loadEngine()).version()}`);
  else if (positionals[0] === 'cli') process.exitCode = await runCliCommand(positionals[1]);
  else await serveJsonRpc();
} catch (error) {
  log('ERROR', error.message);
  process.exitCode = 1;
}
