import { FileStore, hashPassword, type CreditRules } from '@panda/api';
import type { Db } from '@panda/db';
import { type Clock, DAY_MS } from '@panda/shared';
import { recordDemoAssets, removeDemoAssets, saveDemoAssets } from './assets.js';
import { seedCredits, seedPackageType } from './credits.js';
import { seedDictionary } from './dictionary.js';
import { seedHomework } from './homework.js';
import { chinesePlan, englishPlan } from './library-content.js';
import { materialOf, seedPlan } from './library.js';
import { seedLessons } from './lessons.js';
import { seedNotes } from './notes.js';
import { seedNotifications } from './notifications.js';
import { seedLastWeekLesson, seedYesterdaysLesson } from './past-lessons.js';
import { DEMO_PASSWORD, seedPeople } from './people.js';
import { seedPlacementRequests } from './placement.js';
import { after, demoTimes } from './times.js';

export { DEMO_PASSWORD, DEMO_PEOPLE } from './people.js';

const DEMO_SEED_TIMEOUT_MS = 120_000;

export interface DemoOptions {
  /** Where uploads live: the demo's media are copied there. */
  uploadsDir: string;
  /** The school's credit rules: the package's validity and the day of the choice. */
  credits: CreditRules;
}

/**
 * Fills an empty database with a small school where every flow can be tried at once: staff, three
 * students (Olga learns both languages), teachers with working hours and libraries (a video, texts,
 * tests, words with recordings), Ivan's past lessons with Anna (the board, the chat, a test,
 * homework done and in the tails, words due today, notes), lessons today and this week, a visitor
 * waiting for the methodist, notifications, and packages (Maria's on the day of the choice).
 * Does nothing when there are users already.
 */
export async function seedDemoData(db: Db, clock: Clock, options: DemoOptions): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const times = demoTimes(clock.now(), options.credits);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const store = new FileStore(options.uploadsDir);
  const saved = await saveDemoAssets(store);
  try {
    await db.$transaction(async (tx) => {
      const people = await seedPeople(tx, passwordHash, times.now);
      // The teachers uploaded their media and built their libraries a while ago.
      const files = await recordDemoAssets(tx, saved, people, after(times.now, -30 * DAY_MS));
      const english = await seedPlan(tx, people, englishPlan(files), after(times.now, -30 * DAY_MS));
      const chinese = await seedPlan(tx, people, chinesePlan(files), after(times.now, -30 * DAY_MS));

      const lessons = await seedLessons(tx, people, times);
      await tx.lesson.update({ where: { id: lessons.now.id }, data: { planId: english.id } });
      await tx.lesson.update({ where: { id: lessons.orderingFood.id }, data: { planId: chinese.id } });

      const packageType = await seedPackageType(tx, options.credits);
      const mariaChoice = await seedCredits(
        { db, tx, rules: options.credits, packageTypeId: packageType.id, people, times },
        [lessons.lastWeek, lessons.yesterday],
      );

      await seedLastWeekLesson(tx, lessons.lastWeek, people);
      await seedYesterdaysLesson(tx, lessons.yesterday, people, english);
      const overdue = await seedHomework(tx, people, lessons);
      await seedDictionary(tx, people, lessons, times, materialOf(english, 'vocabulary').content.entries);
      await seedNotes(tx, people, lessons, times);
      const placementRequests = await seedPlacementRequests(tx, times);
      await seedNotifications(tx, { people, lessons, times, overdue, placementRequests, mariaChoice });
      // A few hundred rows, all or nothing: more than Prisma's default 5 s on a busy machine.
    }, { timeout: DEMO_SEED_TIMEOUT_MS });
  } catch (error) {
    await removeDemoAssets(store, saved);
    throw error;
  }
}
