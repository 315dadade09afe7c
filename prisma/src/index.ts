export { openDatabase, type Database, type Db, type OpenOptions } from './open.js';
export { parseDatabaseUrl, describeLocation, type DatabaseLocation } from './url.js';
export { applyMigrations, readMigrations, type Migration, type MigrationReport } from './migrate.js';
export * from '../generated/client.js';
