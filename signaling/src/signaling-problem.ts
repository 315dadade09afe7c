import type { ErrorCode } from '@panda/shared';

/** An expected refusal, answered with a stable code. */
export class SignalingProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly nodeUrl?: string,
  ) {
    super(message);
  }
}
