import type { IncomingMessage } from 'node:http';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The JSON body exactly as received, for checks that sign bytes (payment notifications). */
      rawBody?: Buffer;
    }
  }
}

/** express.json's `verify` hook: keeps the bytes it parsed, since a signature is over those, not over the parsed value. */
export function keepRawBody(request: IncomingMessage, _response: unknown, body: Buffer): void {
  (request as Express.Request).rawBody = body;
}
