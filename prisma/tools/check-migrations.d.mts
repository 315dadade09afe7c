export function checkMigrations(): Promise<{ inSync: boolean; script: string }>;
