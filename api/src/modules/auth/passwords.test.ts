import { describe, expect, it } from 'vitest';
import { hashPassword, UNUSABLE_PASSWORD, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('are hashed with scrypt and a fresh salt', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('treat equivalent Unicode spellings alike', async () => {
    const hash = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword('cafe\u0301 au lait', hash)).toBe(true);
  });

  it('never match the unusable marker', async () => {
    expect(await verifyPassword('', UNUSABLE_PASSWORD)).toBe(false);
    expect(await verifyPassword('unusable', UNUSABLE_PASSWORD)).toBe(false);
  });
});
