/** A media request that cannot be served; `code` is one of the protocol's stable error codes. */
export class MediaError extends Error {
  constructor(
    readonly code: 'not_found' | 'validation_failed' | 'media_error',
    message: string,
  ) {
    super(message);
  }
}
