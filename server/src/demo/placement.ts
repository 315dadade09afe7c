import type { Prisma } from '@panda/db';
import { contactEmail, HOUR_MS } from '@panda/shared';
import { after, type DemoTimes } from './times.js';

/**
 * Two visitors waiting for the methodist, as the public page records them: one left an e-mail
 * address (scheduling invites them at once), one a phone number (the methodist gives the address).
 */
const VISITORS = [
  {
    name: 'Pavel Sokolov',
    contact: 'pavel.sokolov@example.net',
    language: 'zh',
    comment: 'Хочу начать китайский с нуля, удобно по вечерам.',
    locale: 'ru',
    timeZone: 'Europe/Moscow',
    hoursAgo: 3,
  },
  {
    name: 'Emma Weber',
    contact: '+49 151 2345 6789',
    language: 'en',
    comment: 'IELTS in the autumn; mornings before work.',
    locale: 'en',
    timeZone: 'Europe/Berlin',
    hoursAgo: 26,
  },
] as const;

export async function seedPlacementRequests(tx: Prisma.TransactionClient, times: DemoTimes) {
  const requests = [];
  for (const { hoursAgo, ...visitor } of VISITORS) {
    const askedAt = after(times.now, -hoursAgo * HOUR_MS);
    requests.push(
      await tx.placementRequest.create({
        data: { ...visitor, email: contactEmail(visitor.contact), status: 'new', consentedAt: askedAt, createdAt: askedAt },
        select: { id: true, name: true, language: true, createdAt: true },
      }),
    );
  }
  return requests;
}
