import { z } from 'zod';

/** Facts about the installation the UI needs before anyone signs in. */
export const Meta = z.object({
  version: z.string(),
  devOutbox: z.boolean(),
  /** A lesson's room opens this many minutes before its start. */
  roomOpensBeforeMinutes: z.number().int(),
});
export type Meta = z.infer<typeof Meta>;
