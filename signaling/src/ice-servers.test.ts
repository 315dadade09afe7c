import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor } from './ice-servers.js';

describe('TURN credentials', () => {
  it('follow coturn’s REST-API scheme and expire after the TTL', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    const [server] = iceServersFor('user-1', now, { urls: ['turn:127.0.0.1:3478'], secret: 's3cret', ttlSeconds: 3600 });
    const expiry = Math.floor(now.getTime() / 1000) + 3600;
    expect(server).toEqual({
      urls: ['turn:127.0.0.1:3478'],
      username: `${expiry}:user-1`,
      credential: createHmac('sha1', 's3cret').update(`${expiry}:user-1`).digest('base64'),
    });
  });

  it('are absent when no TURN server is configured', () => {
    expect(iceServersFor('u', new Date(), undefined)).toEqual([]);
  });
});
