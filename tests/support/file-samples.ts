/** The first bytes of real files, padded: enough for the type checks. */
export const FILE_SAMPLES = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]),
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 0x20)]),
  mp3: Buffer.concat([Buffer.from('ID3\x04\x00\x00', 'latin1'), Buffer.alloc(500, 1)]),
  mp4: Buffer.concat([Buffer.from('\x00\x00\x00\x20ftypisom', 'latin1'), Buffer.alloc(2000, 3)]),
};
