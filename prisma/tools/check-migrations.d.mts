export interface CheckMigrationsOptions {
  /** Default: prisma/schema.prisma. Relative paths are relative to the current directory. */
  schemaPath?: string;
  /** Default: prisma/migrations. */
  migrationsDir?: string;
}

export function checkMigrations(options?: CheckMigrationsOptions): Promise<{ inSync: boolean; script: string }>;
