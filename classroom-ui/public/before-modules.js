// Runs before the app's modules: the page's policy forbids eval (server/src/security-headers.ts),
// and zod reads this setting as its schemas are made, at import time. Jitless, zod validates
// without compiling code and never probes `new Function` (browsers report the probe as a violation).
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
