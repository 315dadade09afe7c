import { UPLOAD_MEDIA_TYPES, type UploadMediaType } from '@panda/shared';
import { describe, expect, it } from 'vitest';
import { contentMatchesType } from './sniff.js';

const pad = (head: Buffer | string) => Buffer.concat([Buffer.from(head as string, 'latin1'), Buffer.alloc(64)]);

/** The first bytes of a real file of each type. */
const SAMPLES: Record<UploadMediaType, Buffer> = {
  'video/mp4': pad('\x00\x00\x00\x20ftypisom'),
  'audio/mp4': pad('\x00\x00\x00\x1cftypM4A '),
  'video/webm': pad('\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm'),
  'audio/webm': pad('\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm'),
  'audio/mpeg': pad('ID3\x04\x00'),
  'audio/ogg': pad('OggS\x00\x02'),
  'audio/wav': pad('RIFF\x24\x08\x00\x00WAVEfmt '),
  'image/png': pad('\x89PNG\r\n\x1a\n'),
  'image/jpeg': pad('\xff\xd8\xff\xe0'),
  'image/gif': pad('GIF89a'),
  'image/webp': pad('RIFF\x24\x08\x00\x00WEBPVP8 '),
  'application/pdf': pad('%PDF-1.7\n'),
};

describe('contentMatchesType', () => {
  it('recognises each accepted type by its first bytes', () => {
    for (const type of UPLOAD_MEDIA_TYPES) expect({ type, ok: contentMatchesType(SAMPLES[type], type) }).toEqual({ type, ok: true });
  });

  it('refuses a file that is not what it claims to be', () => {
    expect(contentMatchesType(SAMPLES['image/png'], 'video/mp4')).toBe(false);
    expect(contentMatchesType(pad('<html><script>alert(1)</script>'), 'image/jpeg')).toBe(false);
    expect(contentMatchesType(SAMPLES['audio/wav'], 'image/webp')).toBe(false);
    expect(contentMatchesType(pad('\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska'), 'video/webm')).toBe(false);
    expect(contentMatchesType(pad('\xff\x00'), 'audio/mpeg')).toBe(false);
    expect(contentMatchesType(Buffer.alloc(0), 'application/pdf')).toBe(false);
  });

  it('accepts MPEG audio that starts with a frame instead of a tag', () => {
    expect(contentMatchesType(pad('\xff\xfb\x90\x64'), 'audio/mpeg')).toBe(true);
  });
});
