import type { Role } from './common.js';

/** Who acts: what the school's rules look at to decide what someone may do and see. */
export interface Actor {
  id: string;
  role: Role;
}
