import type { ModuleDeps } from './deps.js';
import type { ApiRouter } from './http/router.js';

/** A domain area of the API. Each module registers its own operations; `app.ts` lists modules. */
export interface ApiModule {
  name: string;
  register(router: ApiRouter, deps: ModuleDeps): void;
}
