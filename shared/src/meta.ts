import { z } from 'zod';

/** Facts about the installation the UI needs before anyone signs in. */
export const Meta = z.object({
  version: z.string(),
  devOutbox: z.boolean(),
  /** A lesson's room opens this many minutes before its start. */
  roomOpensBeforeMinutes: z.number().int(),
  /** The server's clock (ms since the epoch), so that shared players agree on "now". */
  serverTime: z.number().int(),
  /** tldraw's licence key for this installation; null in development. */
  boardLicenseKey: z.string().nullable(),
  /** Lesson lengths offered, in minutes. */
  lessonDurations: z.array(z.number().int()),
});
export type Meta = z.infer<typeof Meta>;
