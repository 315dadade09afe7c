import { CreditLedger, SCHOOL_CREDIT_RULES, ScheduleService, sweepCredits, sweepSchedule } from '@panda/api';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock.js';
import { FakeYooKassa } from '../support/fake-yookassa.js';
import { testNotifications } from '../support/notifications.js';
import { browserSchool } from '../support/browser-school.js';
import { freePort } from '../support/ports.js';
import { signIn as signInAt } from './room-helpers.js';

/**
 * The school's whole story in a browser, the way the people do it: a visitor asks for the free
 * placement lesson, the methodist books and holds it, records the level, the goal, the teacher and
 * a weekly slot; the new student pays through the provider, books two lessons with the teacher,
 * cancels one 9 hours before (the credit comes back) and one 7 hours before (the credit burns);
 * on day 27 the banner asks to choose, and buying again carries the rest over 28 days from the
 * new payment. The server's clock is moved (and each browser's with it); nothing sleeps.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const VISITOR = { name: 'Vera Story', email: 'vera.story@example.com', password: 'my own placement', zone: 'Asia/Yekaterinburg' };
const STAFF_ZONE = 'Europe/Moscow';

// Day 0 starts at 06:00 UTC (09:00 in Moscow) a couple of days from now, so the demo school's
// lessons (Anna's at 06:00–07:30 UTC on days 0, 1 and 3) sit at known times; the refresh cookies
// the server sets by its clock must not be in the browser's past.
const T0 = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + 2 * DAY_MS + 6 * HOUR_MS);
const at = (days: number, hoursUtc: number) => new Date(T0.getTime() - 6 * HOUR_MS + days * DAY_MS + hoursUtc * HOUR_MS);
/** The placement lesson: day 1, 17:00 in Moscow. */
const PLACEMENT = at(1, 14);
/** The first payment, after the placement lesson. */
const FIRST_PAYMENT = at(1, 16);
/** Two lessons booked with Anna: days 3 and 5, 15:00 in Moscow (17:00 for the student). */
const LESSON_A = at(3, 12);
const LESSON_B = at(5, 12);
/** The weekly slot agreed at the placement lesson: 18:00 Moscow time on day 4's weekday. */
const SLOT_TIME = '18:00';
const SLOT_FIRST = at(4, 15);

let fake: FakeYooKassa;
afterAll(() => fake?.close());
const clock = new TestClock(T0);
// The provider sends the payer back to PUBLIC_URL, so the server needs its port known up front.
const school = browserSchool(async () => {
  fake = await FakeYooKassa.start();
  const port = await freePort();
  return { role: 'api', clock, env: { DEMO_DATA: 'true', PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, ...fake.serverEnv } };
});
const contexts: BrowserContext[] = [];

/** A person's own browser (window, cookies, time zone), its clock following the server's. */
async function personBrowser(timezoneId: string): Promise<Page> {
  const context = await school.browser.newContext({ timezoneId, locale: 'en-US', viewport: { width: 1280, height: 900 } });
  await context.clock.install({ time: clock.now() });
  contexts.push(context);
  return context.newPage();
}

/** Moves the server's clock to `time`, and every browser's with it. */
async function setTime(time: Date): Promise<void> {
  expect(time.getTime()).toBeGreaterThanOrEqual(clock.now().getTime());
  clock.advance(time.getTime() - clock.now().getTime());
  for (const context of contexts) await context.clock.setSystemTime(time);
}

/** What the server's periodic sweeps (every 5 minutes) would have done by now. */
async function runSweeps() {
  const notifications = testNotifications(school.server, clock);
  const ledger = new CreditLedger(school.server.db, clock, SCHOOL_CREDIT_RULES);
  const schedule = new ScheduleService(school.server.db, clock, ledger, notifications, { lessonDurations: [45, 60, 90], weeksAhead: 4 });
  const credits = await sweepCredits({ db: school.server.db, clock, ledger, notifications });
  return { credits, schedule: await sweepSchedule({ db: school.server.db, clock, service: schedule }) };
}

/** Wall-clock parts of `instant` in `timeZone`, as a datetime-local input takes them. */
function localInput(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** ISO weekday (1 = Monday) of `instant` in `timeZone`. */
function weekday(instant: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(instant);
  return ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(name) + 1;
}

/** How the student's pages show an instant (their time zone, medium date and short time). */
const shownToStudent = (instant: Date) =>
  new Intl.DateTimeFormat('en-US', { timeZone: VISITOR.zone, dateStyle: 'medium', timeStyle: 'short' }).format(instant).replace(/\s+/g, ' ');
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

const signIn = (page: Page, email: string, password?: string) => signInAt(page, school.server.localUrl, email, password);

async function studentId(): Promise<string> {
  return (await school.server.db.user.findUniqueOrThrow({ where: { email: VISITOR.email } })).id;
}

/** The student's balance as the ledger derives it. */
async function account() {
  return school.server.db.creditAccount.findUniqueOrThrow({ where: { studentId: await studentId() } });
}

/** On "My lessons": the available credits and those held for booked lessons. */
async function expectCredits(page: Page, expected: { available: number; held: number }) {
  await page.goto(`${school.server.localUrl}/credits`);
  await expect.poll(() => text(page, 'credit-balance')).toBe(String(expected.available));
  if (expected.held > 0) await expect.poll(() => text(page, 'credit-held')).toContain(`Booked: ${expected.held}`);
  expect(await account()).toMatchObject(expected);
}

/** Buys the (only) package on sale on the provider's page; the provider then notifies the school. */
async function buyPackage(page: Page): Promise<void> {
  await page.getByTestId('buy-lessons').waitFor();
  await page.getByTestId('package-offer').first().getByRole('button').click();
  await page.waitForURL(`${fake.baseUrl}/checkout/**`);
  expect(await page.locator('h1').textContent()).toContain('16000.00 RUB');
  await page.locator('#pay').click();
  await page.waitForURL(`${school.server.localUrl}/payments/**`);
  const ours = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  const payment = await school.server.db.payment.findUniqueOrThrow({ where: { id: ours } });
  const notified = await fake.notify(`${school.server.localUrl}/api/payments/webhook`, 'payment.succeeded', payment.providerPaymentId ?? '');
  expect(notified.status).toBeLessThan(300);
  await page.locator('[data-testid="payment-result"] [data-status="succeeded"]').waitFor();
  // Granted once, however many times the school heard of it (the return page asks the provider too).
  expect(await school.server.db.creditEntry.count({ where: { purchase: { payment: { id: ours } }, kind: 'purchase' } })).toBe(1);
}

/** The Monday (as days since the epoch) of the week `instant` falls in, in `timeZone`. */
function weekOf(instant: Date, timeZone: string): number {
  const day = Date.parse(`${localInput(instant, timeZone).slice(0, 10)}T00:00:00Z`) / DAY_MS;
  return day - ((day + 3) % 7); // 1970-01-01 was a Thursday
}

/** A lesson on the person's calendar, paging with "Next" from this week to the lesson's. */
async function calendarLesson(page: Page, lesson: { id: string; startsAt: Date }, timeZone: string) {
  await page.goto(`${school.server.localUrl}/schedule`);
  await page.getByTestId('schedule-page').waitFor();
  const weeks = (weekOf(lesson.startsAt, timeZone) - weekOf(clock.now(), timeZone)) / 7;
  for (let week = 0; week < weeks; week += 1) await page.getByRole('button', { name: 'Next', exact: true }).click();
  const found = page.locator(`[data-testid="calendar-lesson"][data-lesson-id="${lesson.id}"]`);
  await found.waitFor();
  return found;
}

/** Opens a lesson on the calendar. */
async function openLesson(page: Page, lesson: { id: string; startsAt: Date }, timeZone: string) {
  await (await calendarLesson(page, lesson, timeZone)).click();
}

describe('the school’s story', () => {
  it('from a visitor’s request to a student who buys again on day 27', async () => {
    const vera = await personBrowser(VISITOR.zone);
    const marina = await personBrowser(STAFF_ZONE);
    const anna = await personBrowser(STAFF_ZONE);

    // ——— A visitor asks for the free placement lesson on the public page.
    await vera.goto(`${school.server.localUrl}/free-lesson`);
    await vera.getByTestId('placement-ask-name').fill(VISITOR.name);
    await vera.getByTestId('placement-ask-contact').fill(VISITOR.email);
    await vera.getByTestId('placement-ask-language').selectOption('en');
    await vera.getByTestId('placement-ask-comment').fill('Evenings suit me');
    await vera.getByTestId('placement-ask-submit').click();
    // Without the consent nothing is sent.
    await expect.poll(() => vera.locator('.field-error').count()).toBeGreaterThan(0);
    expect(await school.server.db.placementRequest.count({ where: { contact: VISITOR.email } })).toBe(0);
    await vera.getByTestId('placement-ask-consent').check();
    await vera.getByTestId('placement-ask-submit').click();
    await vera.getByTestId('placement-ask-sent').waitFor();
    expect(await school.server.db.placementRequest.findFirstOrThrow({ where: { contact: VISITOR.email } })).toMatchObject({ status: 'new', language: 'en', name: VISITOR.name });

    // ——— The methodist finds it in the queue and books the lesson (her own time, Moscow).
    await signIn(marina, 'methodist@example.com');
    await marina.goto(`${school.server.localUrl}/placement`);
    const row = marina.getByTestId('placement-row').filter({ hasText: VISITOR.email });
    await row.getByRole('link', { name: VISITOR.name }).click();
    await expect.poll(() => marina.getByTestId('placement-status').getAttribute('data-status')).toBe('new');
    await marina.getByTestId('placement-starts-at').fill(localInput(PLACEMENT, STAFF_ZONE));
    await marina.getByTestId('placement-book').click();
    await expect.poll(() => marina.getByTestId('placement-status').getAttribute('data-status')).toBe('scheduled');
    const placement = await school.server.db.lesson.findFirstOrThrow({ where: { kind: 'placement', students: { some: { student: { email: VISITOR.email } } } } });
    expect(placement.startsAt.toISOString()).toBe(PLACEMENT.toISOString());
    expect(await marina.getByTestId('placement-lesson').textContent()).toContain('17:00');

    // ——— The visitor's account was made in their time zone; the e-mail carries a code to set a password.
    expect(await school.server.db.user.findUniqueOrThrow({ where: { email: VISITOR.email } })).toMatchObject({ role: 'student', timeZone: VISITOR.zone, locale: 'en' });
    const mail = await school.server.db.devOutboxMail.findFirstOrThrow({ where: { to: VISITOR.email }, orderBy: { createdAt: 'desc' } });
    expect(mail.subject).toContain('placement lesson is booked');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await vera.goto(`${school.server.localUrl}/reset-password?email=${encodeURIComponent(VISITOR.email)}`);
    await vera.getByRole('button', { name: 'I already have a code' }).click();
    await vera.getByTestId('reset-code').fill(code);
    await vera.getByTestId('reset-password').fill(VISITOR.password);
    await vera.getByTestId('reset-submit').click();
    await vera.waitForURL(`${school.server.localUrl}/login`);
    await signIn(vera, VISITOR.email, VISITOR.password);
    // The placement lesson is on the new student's dashboard.
    await vera.locator(`.lesson-when[datetime="${PLACEMENT.toISOString()}"]`).waitFor();
    expect(await vera.getByTestId('dashboard').textContent()).toContain('Marina Methodist');

    // ——— The lesson takes place; the methodist marks it held on her calendar.
    await setTime(new Date(PLACEMENT.getTime() + 40 * 60_000));
    await openLesson(marina, placement, STAFF_ZONE);
    await marina.getByTestId('lesson-mark-held').click();
    await expect.poll(() => marina.locator(`[data-testid="calendar-lesson"][data-lesson-id="${placement.id}"]`).getAttribute('data-status')).toBe('held');

    // ——— She records the result (level, goal, teacher) and the weekly slot agreed in the lesson.
    const request = await school.server.db.placementRequest.findFirstOrThrow({ where: { contact: VISITOR.email } });
    await marina.goto(`${school.server.localUrl}/placement/${request.id}`);
    await expect.poll(() => marina.getByTestId('placement-status').getAttribute('data-status')).toBe('held');
    const english = marina.getByTestId('assessment-en');
    await english.getByTestId('assessment-level').selectOption('B1');
    await english.getByTestId('assessment-goal').fill('Job interviews in English');
    await english.getByTestId('assessment-notes').fill('Good listening, weak past tenses');
    await english.getByTestId('assessment-teacher').selectOption({ label: 'Anna Smirnova' });
    await marina.getByTestId('assessment-save').click();
    await expect.poll(() => marina.getByTestId('placement-status').getAttribute('data-status')).toBe('assessed');
    const enrollment = await school.server.db.enrollment.findFirstOrThrow({ where: { student: { email: VISITOR.email } }, include: { teacher: true } });
    expect(enrollment).toMatchObject({ language: 'en', level: 'B1', goal: 'Job interviews in English', notes: 'Good listening, weak past tenses' });
    expect(enrollment.teacher?.email).toBe('anna@example.com');

    const slotForm = marina.getByTestId('weekly-slot-en');
    await slotForm.getByTestId('weekly-slot-weekday').selectOption(String(weekday(SLOT_FIRST, STAFF_ZONE)));
    await slotForm.getByTestId('weekly-slot-time').fill(SLOT_TIME);
    await slotForm.getByTestId('weekly-slot-add').click();
    await slotForm.getByTestId('weekly-slot-added').waitFor();
    const series = await school.server.db.lesson.findMany({ where: { weeklySlotId: { not: null }, students: { some: { studentId: enrollment.studentId } } }, orderBy: { startsAt: 'asc' } });
    // Four weeks ahead, at the same Moscow time each week, with Anna.
    expect(series.map((lesson) => lesson.startsAt.toISOString())).toEqual([0, 7, 14, 21].map((days) => new Date(SLOT_FIRST.getTime() + days * DAY_MS).toISOString()));
    expect(series.every((lesson) => lesson.teacherId === enrollment.teacherId && lesson.endsAt.getTime() - lesson.startsAt.getTime() === HOUR_MS)).toBe(true);
    expect(await text(marina, 'weekly-slot-added')).toContain('18:00');
    // The student sees them on their calendar (at 20:00 their time), unpaid for now.
    const firstWeekly = await calendarLesson(vera, series[0] as (typeof series)[number], VISITOR.zone);
    expect(await firstWeekly.getAttribute('data-awaiting-payment')).toBe('true');
    expect(await firstWeekly.textContent()).toContain('8:00 PM');

    // ——— Anna publishes her week (10:00–22:00 Moscow time every day), so students can book her.
    // The demo school gave her working hours already: she sets each day again.
    await signIn(anna, 'anna@example.com');
    await anna.goto(`${school.server.localUrl}/schedule`);
    await anna.getByTestId('schedule-availability').click();
    const rows = anna.getByTestId('availability-row');
    await rows.first().waitFor();
    for (let day = 1; day <= 7; day += 1) {
      if ((await rows.count()) < day) await anna.getByTestId('availability-add').click();
      const interval = rows.nth(day - 1);
      await interval.locator('select').selectOption(String(day));
      await interval.locator('input[type="time"]').nth(0).fill('10:00');
      await interval.locator('input[type="time"]').nth(1).fill('22:00');
    }
    await anna.getByTestId('availability-save').click();
    await expect.poll(() => anna.getByTestId('availability-message').getAttribute('data-tone')).toBe('success');
    expect(await school.server.db.teacherAvailability.count({ where: { teacherId: enrollment.teacherId ?? '' } })).toBe(7);

    // ——— The student buys a package through the payment provider.
    await setTime(FIRST_PAYMENT);
    await vera.goto(`${school.server.localUrl}/credits`);
    await expect.poll(() => text(vera, 'credit-balance')).toBe('0');
    await vera.getByRole('link', { name: 'Buy lessons' }).first().click();
    await buyPackage(vera);
    await expectCredits(vera, { available: 8, held: 0 });
    // The weekly lessons waiting for the payment take their credits at the next sweep.
    expect((await runSweeps()).schedule.paid).toBe(4);
    await expectCredits(vera, { available: 4, held: 4 });
    expect(await (await calendarLesson(vera, series[0] as (typeof series)[number], VISITOR.zone)).getAttribute('data-awaiting-payment')).toBe('false');
    const firstPurchase = await school.server.db.purchase.findFirstOrThrow({ where: { student: { email: VISITOR.email } } });
    expect(firstPurchase.paidAt.toISOString()).toBe(FIRST_PAYMENT.toISOString());
    expect(firstPurchase.expiresAt.toISOString()).toBe(new Date(FIRST_PAYMENT.getTime() + 28 * DAY_MS).toISOString());

    // ——— …and books two lessons with Anna at her free times.
    await vera.goto(`${school.server.localUrl}/schedule`);
    await vera.getByTestId('schedule-book').click();
    for (const start of [LESSON_A, LESSON_B]) {
      await vera.locator(`[data-testid="free-time"][data-start="${start.toISOString()}"]`).click();
      await expect.poll(() => vera.getByTestId('book-message').getAttribute('data-tone')).toBe('success');
      expect(await text(vera, 'book-message')).toContain(shownToStudent(start));
      // Taken now: no longer offered.
      await expect.poll(() => vera.locator(`[data-testid="free-time"][data-start="${start.toISOString()}"]`).count()).toBe(0);
    }
    const booked = await school.server.db.lesson.findMany({ where: { weeklySlotId: null, kind: 'regular', students: { some: { studentId: enrollment.studentId } } }, orderBy: { startsAt: 'asc' } });
    expect(booked.map((lesson) => [lesson.startsAt.toISOString(), lesson.teacherId])).toEqual([
      [LESSON_A.toISOString(), enrollment.teacherId],
      [LESSON_B.toISOString(), enrollment.teacherId],
    ]);
    const [lessonA, lessonB] = booked as [(typeof booked)[number], (typeof booked)[number]];
    await expectCredits(vera, { available: 2, held: 6 });

    // ——— 9 hours before the first one: cancelling is free, the credit comes back.
    await setTime(new Date(LESSON_A.getTime() - 9 * HOUR_MS));
    await openLesson(vera, lessonA, VISITOR.zone);
    await expect.poll(() => vera.getByTestId('cancel-warning').getAttribute('data-outcome')).toBe('release');
    await vera.getByTestId('lesson-cancel').click();
    await expect.poll(() => vera.locator(`[data-testid="calendar-lesson"][data-lesson-id="${lessonA.id}"]`).getAttribute('data-status')).toBe('cancelled');
    await expectCredits(vera, { available: 3, held: 5 });
    expect((await school.server.db.creditEntry.findMany({ where: { lessonId: lessonA.id }, orderBy: { createdAt: 'asc' } })).map((e) => e.kind)).toEqual(['hold', 'release']);

    // ——— 7 hours before the second one: the warning says so, and the credit burns.
    await setTime(new Date(LESSON_B.getTime() - 7 * HOUR_MS));
    await openLesson(vera, lessonB, VISITOR.zone);
    await expect.poll(() => vera.getByTestId('cancel-warning').getAttribute('data-outcome')).toBe('burn');
    expect(await text(vera, 'cancel-warning')).toContain(shownToStudent(new Date(LESSON_B.getTime() - 8 * HOUR_MS)));
    await vera.getByTestId('lesson-cancel').click();
    await expect.poll(() => vera.locator(`[data-testid="calendar-lesson"][data-lesson-id="${lessonB.id}"]`).getAttribute('data-status')).toBe('cancelled');
    await expectCredits(vera, { available: 3, held: 4 });
    expect((await school.server.db.creditEntry.findMany({ where: { lessonId: lessonB.id }, orderBy: { createdAt: 'asc' } })).map((e) => e.kind)).toEqual(['hold', 'burn']);

    // ——— Day 27 of the package: the banner asks to choose (and an e-mail says the same).
    const day27 = new Date(FIRST_PAYMENT.getTime() + 26 * DAY_MS + HOUR_MS);
    await setTime(day27);
    const swept = await runSweeps();
    expect(swept.credits).toMatchObject({ notified: 1 });
    expect(await school.server.db.devOutboxMail.count({ where: { to: VISITOR.email, subject: { contains: 'about to expire' } } })).toBe(1);
    await vera.goto(`${school.server.localUrl}/credits`);
    const banner = vera.getByTestId('credit-choice');
    await banner.waitFor();
    const firstExpiry = new Date(FIRST_PAYMENT.getTime() + 28 * DAY_MS);
    expect(await banner.getAttribute('data-remaining')).toBe('3');
    expect((await banner.textContent())?.replace(/\s+/g, ' ')).toContain(`You have 3 lesson(s) left, valid until ${shownToStudent(firstExpiry)}`);

    // ——— The student buys another package from the banner.
    await banner.getByTestId('credit-choice-buy').click();
    await buyPackage(vera);
    const secondPayment = clock.now();
    const newExpiry = new Date(secondPayment.getTime() + 28 * DAY_MS);

    // All remaining plus new credits are valid 28 days from the new payment: on the page…
    await expectCredits(vera, { available: 11, held: 4 });
    expect(await vera.getByTestId('credit-choice').count()).toBe(0);
    const packages = vera.getByTestId('credit-package');
    await expect.poll(() => packages.count()).toBe(2);
    for (const expiry of await vera.getByTestId('credit-package-expires').allTextContents()) {
      expect(expiry.replace(/\s+/g, ' ')).toBe(shownToStudent(newExpiry));
    }
    expect((await vera.getByTestId('credit-package-available').allTextContents()).map(Number).sort()).toEqual([3, 8]);

    // …and in the ledger: the old package is extended by an entry of its own, nothing else moved.
    const purchases = await school.server.db.purchase.findMany({ where: { studentId: enrollment.studentId }, orderBy: { paidAt: 'asc' } });
    expect(purchases.map((p) => [p.paidAt.toISOString(), p.expiresAt.toISOString()])).toEqual([
      [FIRST_PAYMENT.toISOString(), newExpiry.toISOString()],
      [secondPayment.toISOString(), newExpiry.toISOString()],
    ]);
    const extension = await school.server.db.creditEntry.findMany({ where: { studentId: enrollment.studentId, kind: 'extension' } });
    expect(extension).toEqual([expect.objectContaining({ purchaseId: firstPurchase.id, delta: 0 })]);
    expect(extension[0]?.reason).toContain(newExpiry.toISOString());
    const ledger = await school.server.db.creditEntry.findMany({ where: { studentId: enrollment.studentId } });
    const count = (kind: string) => ledger.filter((entry) => entry.kind === kind).length;
    expect({ purchase: count('purchase'), hold: count('hold'), release: count('release'), burn: count('burn'), extension: count('extension') }).toEqual({
      purchase: 2,
      hold: 6,
      release: 1,
      burn: 1,
      extension: 1,
    });
    expect(ledger.reduce((sum, entry) => sum + entry.delta, 0)).toBe(11);
  }, 180_000);
});
