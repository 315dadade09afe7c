import type { CreditRules } from '@panda/api';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '@panda/shared';


export const after = (at: Date, ms: number): Date => new Date(at.getTime() + ms);

/**
 * When things happen in the demo school, all counted from the moment it is created, so that the
 * school looks the same whenever `npm start` fills it.
 */
export interface DemoTimes {
  now: Date;
  /** The next full hour: the week's lessons start from it. */
  nextHour: Date;
  /** Now, rounded down to 5 minutes: Ivan's lesson with Anna starts then, so its room is open at once. */
  justNow: Date;
  /** Ivan's lesson of yesterday, at the same time of day: the board, the chat, the test, homework in the tails. */
  yesterday: Date;
  /** Ivan's lesson of a week before that: homework done and marked. */
  lastWeek: Date;
  /** Ivan bought his package before both. */
  ivanPaidAt: Date;
  /** Maria's package is on the day of the choice (day 27 by default) since a few hours. */
  mariaPaidAt: Date;
}

export function demoTimes(now: Date, rules: Pick<CreditRules, 'choiceDay'>): DemoTimes {
  const justNow = new Date(Math.floor(now.getTime() / (5 * MINUTE_MS)) * 5 * MINUTE_MS);
  return {
    now,
    nextHour: new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS),
    justNow,
    yesterday: after(justNow, -DAY_MS),
    lastWeek: after(justNow, -8 * DAY_MS),
    ivanPaidAt: after(justNow, -10 * DAY_MS),
    // Day n of a validity starts n - 1 days after the payment (see credit-rules.ts).
    mariaPaidAt: after(justNow, -(rules.choiceDay - 1) * DAY_MS - 6 * HOUR_MS),
  };
}
