import { ensureUiBuilt } from '../../scripts/ui-build.mjs';

/** Browser tests drive the built UI, exactly what `npm start` serves. */
export default async function setup(): Promise<void> {
  await ensureUiBuilt();
}
