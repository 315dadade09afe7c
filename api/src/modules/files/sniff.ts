import type { UploadMediaType } from '@panda/shared';

/** How much of a file's start the type checks need. */
export const SNIFF_BYTES = 64;

const ascii = (head: Buffer, offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;
const bytes = (head: Buffer, expected: readonly number[]) => expected.every((byte, index) => head[index] === byte);

const EBML = [0x1a, 0x45, 0xdf, 0xa3];

/**
 * Whether a file's first bytes are what its declared type starts with, so that a renamed or forged
 * file is refused. WebM and MP4 containers hold audio or video alike: their audio and video types
 * share a signature.
 */
export function contentMatchesType(head: Buffer, type: UploadMediaType): boolean {
  switch (type) {
    case 'image/png':
      return bytes(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/jpeg':
      return bytes(head, [0xff, 0xd8, 0xff]);
    case 'image/gif':
      return ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a');
    case 'image/webp':
      return ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP');
    case 'audio/wav':
      return ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE');
    case 'audio/ogg':
      return ascii(head, 0, 'OggS');
    case 'audio/mpeg':
      // An ID3 tag, or straight into an MPEG audio frame (11 sync bits).
      return ascii(head, 0, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0);
    case 'video/mp4':
    case 'audio/mp4':
      return ascii(head, 4, 'ftyp');
    case 'video/webm':
    case 'audio/webm':
      return bytes(head, EBML) && head.subarray(0, SNIFF_BYTES).includes('webm', 0, 'latin1');
    case 'application/pdf':
      return ascii(head, 0, '%PDF-');
  }
}
