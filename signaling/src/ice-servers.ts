import { createHmac } from 'node:crypto';
import type { IceServer } from '@panda/shared';

export interface TurnSettings {
  urls: string[];
  secret: string;
  ttlSeconds: number;
}

/**
 * Time-limited TURN credentials in coturn's REST-API scheme (`--use-auth-secret`): the username is
 * `<expiry unix time>:<user id>`, the password base64(HMAC-SHA1(secret, username)).
 */
export function iceServersFor(userId: string, now: Date, turn: TurnSettings | undefined): IceServer[] {
  if (!turn || turn.urls.length === 0) return [];
  const username = `${Math.floor(now.getTime() / 1000) + turn.ttlSeconds}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return [{ urls: turn.urls, username, credential }];
}
