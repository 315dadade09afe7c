import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { signIn } from './room-helpers.js';

/**
 * The join dance as people do it: each person in their own browser goes from the dashboard's Join
 * to the pre-join button, in any order and at any moment; then everyone must see and hear everyone.
 * Used by the browser tests and by `npm run bench:joins`.
 */

export interface Person {
  readonly email: string;
  readonly context: BrowserContext;
  /** The tab the person is in the lesson from (a second tab replaces it). */
  page: Page;
  /** The participant id (the user's id), known once in a room. */
  id: string;
}

/** What a page records of remote videos: the moment each new stream showed its first frame. */
interface FrameEvent {
  testId: string;
  at: number;
}

declare global {
  interface Window {
    __pandaFrames?: FrameEvent[];
    /** A tag per `<video>` element the test has counted frames of. */
    __pandaVideoTags?: WeakMap<HTMLVideoElement, number>;
    /** When the pre-join button was last pressed, as the page saw the click. */
    __pandaJoinPressedAt?: number;
  }
}

/** Installed in every page of a person: notes the first frame of every remote video stream. */
function watchFirstFrames(): void {
  const seen = new WeakSet<object>();
  window.__pandaFrames = [];
  document.addEventListener(
    'click',
    (event) => {
      if (event.target instanceof Element && event.target.closest('[data-testid="prejoin-join"]')) {
        window.__pandaJoinPressedAt = Date.now();
      }
    },
    { capture: true },
  );
  window.setInterval(() => {
    for (const video of document.querySelectorAll<HTMLVideoElement>('video[data-testid^="video-"]')) {
      const stream = video.srcObject;
      if (!stream || seen.has(stream) || video.getVideoPlaybackQuality().totalVideoFrames === 0) continue;
      seen.add(stream);
      window.__pandaFrames?.push({ testId: video.dataset.testid ?? '', at: Date.now() });
    }
  }, 20);
}

export async function openPage(context: BrowserContext, tag = ''): Promise<Page> {
  const page = await context.newPage();
  // A script error in the room is worth seeing next to a failed try.
  page.on('pageerror', (error) => console.log(`page error (${tag}): ${error.message}`));
  await page.addInitScript(watchFirstFrames);
  return page;
}

/** A person signed in, in a context (cookie jar) of their own in `browser`, a laptop's window unless told. */
export async function signedIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Person> {
  const context = await browser.newContext({ viewport });
  const page = await openPage(context, email.slice(0, 4));
  await signIn(page, baseUrl, email);
  return { email, context, page, id: '' };
}

/**
 * From the dashboard (or the room's own address, for a reload or a second tab) to the room:
 * Join, then the pre-join button at once. Resolves with the moment the page saw the press.
 */
export async function joinLesson(
  person: Person,
  baseUrl: string,
  /** null: the first lesson of the dashboard, as the README tells a newcomer. */
  lessonId: string | null,
  /**
   * `via: 'here'`: the page already shows the pre-join screen (it was just reloaded);
   * `hideBoard`: hides the board at once, before it loads.
   */
  options: { cameraOff?: boolean; via?: 'dashboard' | 'address' | 'here'; hideBoard?: boolean } = {},
): Promise<number> {
  const { page } = person;
  const room = lessonId ? `/lessons/${lessonId}/room` : null;
  if (options.via === 'address') {
    if (!room) throw new Error('a lesson id is needed to open the room by its address');
    await page.goto(`${baseUrl}${room}`);
  } else if (options.via !== 'here') {
    await page.goto(`${baseUrl}/dashboard`);
    await page.locator(room ? `a[href="${room}"]` : 'a[href^="/lessons/"][href$="/room"]').first().click();
  }
  const join = page.getByTestId('prejoin-join');
  await shows(page, join, 'the pre-join screen');
  if (options.cameraOff) await page.getByTestId('prejoin-toggle-camera').click();
  await join.click();
  await shows(page, page.getByTestId('lesson-room'), 'the room after Join');
  if (options.hideBoard) await page.getByTestId('toggle-board').click();
  const { id, pressedAt } = await page.evaluate(() => ({
    id: window.__pandaRoom?.participantId ?? '',
    pressedAt: window.__pandaJoinPressedAt ?? 0,
  }));
  person.id = id;
  return pressedAt;
}

/** Waits for `what`; if it never shows, says where the page is and what it shows instead. */
async function shows(page: Page, locator: Locator, what: string): Promise<void> {
  try {
    await locator.waitFor();
  } catch (error) {
    const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 400)).catch(() => '?');
    throw new Error(`${what} did not show (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); at ${page.url()}: "${text}"`);
  }
}

/** Back to the dashboard: the room is left as a person closing it would. */
export async function leaveLesson(person: Person, baseUrl: string): Promise<void> {
  await person.page.goto(`${baseUrl}/dashboard`);
}

interface Reception {
  frames: number;
  /** How the element stands: a paused or off-screen video shows no frames, whatever arrives. */
  shown: string;
  /** Which `<video>` element counted them: a tile the layout re-creates counts from zero again. */
  element: number | null;
  audioAt: number | null;
}

/** What `page` receives from each of `fromIds`, in one look (the test shares the server's process). */
function receptions(page: Page, fromIds: string[]): Promise<{ byId: Record<string, Reception>; repairs: number }> {
  return page.evaluate((ids) => {
    const room = window.__pandaRoom;
    const consumers = room?.consumers() ?? [];
    const byId: Record<string, { frames: number; shown: string; element: number | null; audioAt: number | null }> = {};
    const tags = (window.__pandaVideoTags ??= new WeakMap<HTMLVideoElement, number>());
    for (const id of ids) {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="video-${id}-camera"]`);
      if (video && !tags.has(video)) tags.set(video, Math.random());
      // Inline, no named helper: the benchmark's TypeScript loader would name it with a function
      // that exists only in Node, not in the page.
      let shown = 'no element';
      if (video) {
        const box = video.getBoundingClientRect();
        const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth;
        shown = `${video.paused ? 'paused' : 'playing'} ${onScreen ? 'on screen' : 'off screen'} ${Math.round(box.width)}x${Math.round(box.height)}@${Math.round(box.left)},${Math.round(box.top)}`;
      }
      const audio = consumers.filter((c) => c.participantId === id && c.kind === 'audio' && c.readyState === 'live');
      const audioAt = Math.max(0, ...audio.map((c) => c.progressAt ?? 0));
      byId[id] = { frames: video?.getVideoPlaybackQuality().totalVideoFrames ?? 0, shown, element: video ? (tags.get(video) ?? null) : null, audioAt: audioAt > 0 ? audioAt : null };
    }
    return { byId, repairs: room?.repairs ?? 0 };
  }, fromIds);
}

/** What a page knows of its media, for a failure message. */
export function diagnostics(page: Page): Promise<string> {
  return page
    .evaluate(() => {
      const room = window.__pandaRoom;
      if (!room) return 'no room';
      const consumers = room
        .consumers()
        .map((c) => `${c.participantId.slice(-6)}:${c.source}:${c.readyState}:${c.progressAt ?? '-'}:${c.kind === 'video' ? `${c.frames}f` : `${c.packets}p`}${c.paused ? ':paused' : ''}${c.idle ? ':idle' : ''}`);
      const producers = room.producers().map((p) => `${p.source}${p.paused ? ' (paused)' : ''}`);
      return `${room.participantId?.slice(-6)}: ${room.state()}, send ${room.sendTransportState} recv ${room.recvTransportState} repairs ${room.repairs} producers [${producers.join(' ')}] consumers [${consumers.join(' ')}]`;
    })
    .catch((error: unknown) => `page gone (${String(error)})`);
}

export interface Arrival {
  fromId: string;
  /** When the first frame of a new stream from that person showed, if one started after `since`. */
  firstFrameAt: number | null;
}

export interface Sender {
  id: string;
  /** The latest moment its video and audio may arrive. */
  deadline: number;
  /** Its own page, for the failure message. */
  page?: Page;
}

/**
 * Waits until `page` decodes new video frames from every sender and receives its audio (audio
 * measured since `since`), each by its deadline; throws with what both pages know if one does not.
 * Resolves with when each first frame showed, and the reconciliation's repairs on this page.
 */
export async function expectMediaFrom(
  page: Page,
  senders: Sender[],
  since: number,
): Promise<{ arrivals: Arrival[]; repairs: number }> {
  const ids = senders.map((sender) => sender.id);
  const baseline = await receptions(page, ids);
  let last = baseline;
  for (;;) {
    const now = Date.now();
    last = await receptions(page, ids).catch(() => last);
    const missing = senders.filter(({ id }) => {
      const first = baseline.byId[id];
      const current = last.byId[id];
      if (!current) return true;
      // Another element (a tile made anew, a new stream) counts from zero.
      const sameElement = first !== undefined && first.element !== null && first.element === current.element;
      const newFrames = sameElement && current.frames >= first.frames ? current.frames - first.frames : current.frames;
      return newFrames < 5 || current.audioAt === null || current.audioAt < since;
    });
    if (missing.length === 0) {
      const frames = await page.evaluate(() => window.__pandaFrames ?? []);
      const arrivals = ids.map((fromId) => ({
        fromId,
        firstFrameAt: frames.find((event) => event.testId === `video-${fromId}-camera` && event.at >= since)?.at ?? null,
      }));
      return { arrivals, repairs: last.repairs };
    }
    const late = missing.find((sender) => now > sender.deadline);
    if (late) {
      const seen = last.byId[late.id];
      throw new Error(
        `no media from ${late.id.slice(-6)} within ${Math.round((late.deadline - since) / 1000)} s: frames ${seen?.frames ?? '?'} (from ${baseline.byId[late.id]?.frames ?? '?'}, ${seen?.shown ?? '?'}), audio at ${seen?.audioAt ?? 'never'}; receiver ${await diagnostics(page)}; sender ${late.page ? await diagnostics(late.page) : '?'}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
