import { z } from 'zod';

/** Facts about the installation the UI needs before anyone signs in. */
export const Meta = z.object({ version: z.string(), devOutbox: z.boolean() });
export type Meta = z.infer<typeof Meta>;
