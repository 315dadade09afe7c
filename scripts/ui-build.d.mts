export function ensureUiBuilt(): Promise<void>;
