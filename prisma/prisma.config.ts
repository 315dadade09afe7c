import { defineConfig } from 'prisma/config';

// The URL is used only by the CLI's migrate commands; the app opens the database itself.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
