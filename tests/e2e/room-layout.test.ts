import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { signIn } from './room-helpers.js';

/**
 * The room laid out for a teacher's laptop and a student's phone: the controls in one row inside
 * the window, no panel over another, the other person's face large in a 1-on-1, the board with
 * most of the space. Screenshots of each size are left in SCREENS for a person to look at.
 */
const SCREENS = process.env.TEST_SCREENSHOTS_DIR ?? path.join(os.tmpdir(), 'panda-room-layout');

let server: TestServer;
let browser: Browser;
let lessonId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { DEMO_DATA: 'true' } });
  browser = await launchChromium({ media: true });
  // The demo lesson on now, with Anna's plan on it: the materials panel has titles to lay out.
  const lesson = await server.db.lesson.findFirstOrThrow({ where: { title: 'Present Perfect in everyday talk' } });
  lessonId = lesson.id;
  fs.mkdirSync(SCREENS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Layout {
  viewport: { width: number; height: number };
  scrollHeight: number;
  controls: Box[];
  /** The room's parts that must never cover each other, when shown. */
  parts: Record<string, Box>;
  otherFace: Box | null;
  materials: Box | null;
  stylePanel: Box | null;
  materialTitles: number[];
}

function readLayout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    const box = (element: Element): Box => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    };
    const shown = (selector: string): Element | null => {
      const element = document.querySelector(selector);
      return element && element.getClientRects().length > 0 && getComputedStyle(element).display !== 'none' ? element : null;
    };
    const parts: Record<string, Box> = {};
    for (const [name, selector] of Object.entries({
      header: '.room-header',
      tiles: '.tile-strip',
      board: '.board-area',
      controls: '.control-bar',
      side: '.room-side-panel',
    })) {
      const element = shown(selector);
      if (element) parts[name] = box(element);
    }
    const controls = [...document.querySelectorAll('.control-bar .control')].filter((c) => c.getClientRects().length > 0).map(box);
    const face = shown('.tile-strip .tile:not([data-self]):not(.tile-waiting)');
    const materials = shown('.materials-panel');
    const style = shown('.tlui-style-panel');
    return {
      viewport: { width: window.innerWidth, height: window.innerHeight },
      scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
      controls,
      parts,
      otherFace: face ? box(face) : null,
      materials: materials ? box(materials) : null,
      stylePanel: style ? box(style) : null,
      materialTitles: [...document.querySelectorAll('.materials-list-title')].map((title) => title.getBoundingClientRect().width),
    };
  });
}

function overlap(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0.5 && height > 0.5 ? width * height : 0;
}

/** The checks every size must pass. */
function expectTidy(layout: Layout, name: string) {
  const { width, height } = layout.viewport;
  expect(layout.scrollHeight, `${name}: the room fits the window`).toBeLessThanOrEqual(height + 1);
  expect(layout.controls.length, `${name}: controls shown`).toBeGreaterThan(3);
  const tops = layout.controls.map((control) => Math.round(control.y));
  expect(Math.max(...tops) - Math.min(...tops), `${name}: the controls make one row`).toBeLessThanOrEqual(1);
  for (const control of layout.controls) {
    expect(control.x, `${name}: a control inside the window`).toBeGreaterThanOrEqual(0);
    expect(control.x + control.width, `${name}: a control inside the window`).toBeLessThanOrEqual(width + 0.5);
    expect(control.y + control.height, `${name}: a control inside the window`).toBeLessThanOrEqual(height + 0.5);
  }
  const names = Object.keys(layout.parts);
  const overlaps = names.flatMap((a, index) =>
    names.slice(index + 1).flatMap((b) => (overlap(layout.parts[a]!, layout.parts[b]!) > 0 ? [`${a} × ${b}`] : [])),
  );
  expect(overlaps, `${name}: no part over another`).toEqual([]);
  expect(layout.parts.board, `${name}: the board is shown`).toBeDefined();
}

async function openRoom(options: { email: string; width: number; height: number; mobile?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, server.localUrl, options.email);
  await page.goto(`${server.localUrl}/lessons/${lessonId}/room`);
  await page.getByTestId('prejoin-join').click();
  await page.getByTestId('lesson-room').waitFor();
  return page;
}

/** Lets the room settle at a size: the other's face shows and the board has loaded. */
async function settle(page: Page, width: number, height: number): Promise<Layout> {
  await page.setViewportSize({ width, height });
  await page.locator('[data-testid="lesson-board"][data-status="synced"]').waitFor();
  await page.locator('.tile-strip[data-layout="pair"]').waitFor();
  // One frame for the layout to follow the new size.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: path.join(SCREENS, `room-${width}x${height}.png`) });
  return readLayout(page);
}

describe('the room’s layout', () => {
  it('fits a teacher’s laptop and a student’s phone, upright and on its side', async () => {
    const teacher = await openRoom({ email: 'anna@example.com', width: 1280, height: 800 });
    const student = await openRoom({ email: 'ivan@example.com', width: 390, height: 844, mobile: true });
    await teacher.getByTestId('materials-panel').waitFor();

    for (const [width, height] of [
      [1280, 800],
      [1366, 768],
    ] as const) {
      const layout = await settle(teacher, width, height);
      const name = `teacher ${width}×${height}`;
      expectTidy(layout, name);
      // The labels stay on a laptop; the student's face is big enough to read lips.
      expect(await teacher.locator('.control-label').first().isVisible()).toBe(true);
      expect(layout.otherFace?.width ?? 0, `${name}: the student's face`).toBeGreaterThanOrEqual(300);
      expect(layout.parts.board!.height, `${name}: the board's height`).toBeGreaterThan(height * 0.7);
      expect(layout.materials && layout.stylePanel && overlap(layout.materials, layout.stylePanel), `${name}: materials beside tldraw's styles`).toBe(0);
      expect(Math.min(...layout.materialTitles), `${name}: material titles have room`).toBeGreaterThan(100);
    }

    const upright = await settle(student, 390, 844);
    expectTidy(upright, 'student 390×844');
    expect(upright.otherFace?.width ?? 0, 'the teacher’s face across the phone').toBeGreaterThan(390 * 0.85);
    expect(upright.parts.board!.height, 'the board on the phone').toBeGreaterThan(844 * 0.45);
    expect(upright.parts.side, 'chat waits to be opened').toBeUndefined();

    // Chat opens over the room, inside the window, and closes again.
    await student.getByTestId('toggle-side').click();
    const chat = student.getByTestId('room-side-panel');
    await chat.waitFor();
    const chatBox = (await chat.boundingBox())!;
    expect(chatBox.y + chatBox.height).toBeLessThanOrEqual(844 + 0.5);
    expect(await student.getByTestId('chat-input').isVisible()).toBe(true);
    await student.screenshot({ path: path.join(SCREENS, 'room-390x844-chat.png') });
    await student.getByTestId('toggle-side').click();
    await chat.waitFor({ state: 'hidden' });

    const sideways = await settle(student, 844, 390);
    expectTidy(sideways, 'student 844×390');
    expect(sideways.parts.header, 'no header on a phone on its side').toBeUndefined();
    expect(sideways.otherFace?.width ?? 0, 'the teacher’s face beside the board').toBeGreaterThanOrEqual(190);
    expect(sideways.parts.board!.height, 'the board on its side').toBeGreaterThan(390 * 0.7);
    console.log(`room layout screenshots: ${SCREENS}`);
  }, 120_000);
});
