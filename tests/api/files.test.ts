import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../support/accounts.js';
import { TestClock } from '../support/clock.js';
import type { ApiClient } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bookLesson, FILE_SAMPLES, MATERIAL_BODIES, upload } from './library-fixtures.js';

const clock = new TestClock();
let server: TestServer;
let uploadsDir: string;
let anna: ApiClient;
let li: ApiClient;
let ivan: ApiClient;
let maria: ApiClient;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { DEMO_DATA: 'true', UPLOAD_MAX_MB: '1' } });
  uploadsDir = path.join(server.dataDir, 'uploads');
  anna = await loginAs(server, 'anna@example.com');
  li = await loginAs(server, 'li@example.com');
  ivan = await loginAs(server, 'ivan@example.com');
  maria = await loginAs(server, 'maria@example.com');
});
afterAll(() => server?.close());

/** Every file under the uploads folder (temporary ones included). */
const storedFiles = () =>
  fs.existsSync(uploadsDir)
    ? fs.readdirSync(uploadsDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length
    : 0;

const linkFor = async (client: ApiClient, fileId: string) => client.post(`/api/files/${fileId}/link`);
const fetchLink = (url: string, headers: Record<string, string> = {}) => fetch(`${server.localUrl}${url}`, { headers });

describe('uploads', () => {
  it('keeps a file of an accepted type, with its size and sha256', async () => {
    const uploaded = await upload(anna, server, FILE_SAMPLES.mp4, 'video/mp4', 'Урок 10 "vlog".mp4');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      name: 'Урок 10 "vlog".mp4',
      mimeType: 'video/mp4',
      size: FILE_SAMPLES.mp4.length,
      sha256: createHash('sha256').update(FILE_SAMPLES.mp4).digest('hex'),
    });
    const row = await server.db.uploadedFile.findUniqueOrThrow({ where: { id: uploaded.body.id } });
    expect(fs.readFileSync(path.join(uploadsDir, row.storageKey)).equals(FILE_SAMPLES.mp4)).toBe(true);
  });

  it('refuses types off the list, and contents that are not what the type says', async () => {
    const before = { rows: await server.db.uploadedFile.count(), files: storedFiles() };
    const html = await upload(anna, server, Buffer.from('<html><script>alert(1)</script></html>'), 'text/html', 'page.html');
    expect(html.status).toBe(400);
    expect(html.body).toMatchObject({ code: 'unsupported_file_type', errors: [{ path: 'headers.content-type' }] });
    const forged = await upload(anna, server, Buffer.concat([Buffer.from('<svg onload="alert(1)">'), Buffer.alloc(100)]), 'image/png', 'x.png');
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('file_type_mismatch');
    const pdfAsMp3 = await upload(anna, server, FILE_SAMPLES.pdf, 'audio/mpeg', 'song.mp3');
    expect(pdfAsMp3.body.code).toBe('file_type_mismatch');
    const empty = await upload(anna, server, Buffer.alloc(0), 'application/pdf', 'empty.pdf');
    expect(empty.status).toBe(400);
    expect(await server.db.uploadedFile.count()).toBe(before.rows);
    expect(storedFiles()).toBe(before.files);
  });

  it('refuses files over UPLOAD_MAX_MB, announced or streamed, and leaves nothing behind', async () => {
    const before = { rows: await server.db.uploadedFile.count(), files: storedFiles() };
    const big = Buffer.concat([FILE_SAMPLES.pdf, Buffer.alloc(1024 * 1024)]);
    const announced = await upload(anna, server, big, 'application/pdf', 'big.pdf');
    expect(announced.status).toBe(413);
    expect(announced.body.code).toBe('payload_too_large');
    // No Content-Length: the size is counted while the bytes arrive.
    const chunks = [FILE_SAMPLES.pdf, ...Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x20))];
    const streamed = await upload(
      anna,
      server,
      new ReadableStream({
        pull(controller) {
          const chunk = chunks.shift();
          if (chunk) controller.enqueue(chunk);
          else controller.close();
        },
      }),
      'application/pdf',
      'streamed.pdf',
    );
    expect(streamed.status).toBe(413);
    expect(await server.db.uploadedFile.count()).toBe(before.rows);
    expect(storedFiles()).toBe(before.files);
  });

  it('takes only recordings and pictures from students (their words’ pronunciation, their notes)', async () => {
    const document = await upload(ivan, server, FILE_SAMPLES.pdf, 'application/pdf', 'me.pdf');
    expect({ status: document.status, code: document.body.code }).toEqual({ status: 400, code: 'unsupported_file_type' });
    expect((await upload(ivan, server, FILE_SAMPLES.mp3, 'audio/mpeg', 'me.mp3')).status).toBe(201);
    expect((await upload(ivan, server, FILE_SAMPLES.png, 'image/png', 'me.png')).status).toBe(201);
  });
});

describe('signed links', () => {
  let fileId: string;

  beforeAll(async () => {
    fileId = (await upload(anna, server, FILE_SAMPLES.mp4, 'video/mp4', 'Урок 10 "vlog".mp4')).body.id;
  });

  it('serve the bytes inline with the stored type, and never let the browser guess', async () => {
    const link = await linkFor(anna, fileId);
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(new RegExp(`^/api/files/${fileId}/content\\?expires=\\d+&signature=[\\w-]{43}$`));
    const hoursLeft = (new Date(link.body.expiresAt).getTime() - clock.now().getTime()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThanOrEqual(6);
    expect(hoursLeft).toBeLessThanOrEqual(7);

    const response = await fetchLink(link.body.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="____ 10 _vlog_.mp4"; filename*=UTF-8''%D0%A3%D1%80%D0%BE%D0%BA%2010%20%22vlog%22.mp4`,
    );
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(FILE_SAMPLES.mp4)).toBe(true);
  });

  it('answer Range requests, so a video can be sought', async () => {
    const { url } = (await linkFor(anna, fileId)).body;
    const part = await fetchLink(url, { range: 'bytes=4-11' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 4-11/${FILE_SAMPLES.mp4.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString('latin1')).toBe('ftypisom');
    const tail = await fetchLink(url, { range: 'bytes=-10' });
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    const beyond = await fetchLink(url, { range: `bytes=${FILE_SAMPLES.mp4.length + 5}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${FILE_SAMPLES.mp4.length}`);
  });

  it('refuse a forged, altered or expired link', async () => {
    const { url } = (await linkFor(anna, fileId)).body as { url: string };
    const expires = Number(new URL(url, server.localUrl).searchParams.get('expires'));
    expect((await fetchLink(url.replace(/expires=\d+/, `expires=${expires + 3600}`))).status).toBe(403);
    expect((await fetchLink(url.replace(/signature=[\w-]+/, `signature=${'A'.repeat(43)}`))).status).toBe(403);
    const otherFile = (await upload(anna, server, FILE_SAMPLES.png, 'image/png', 'x.png')).body.id;
    expect((await fetchLink(url.replace(fileId, otherFile))).status).toBe(403);
    expect((await fetchLink(`/api/files/${fileId}/content`)).status).toBe(400);

    clock.advance(8 * 3_600_000);
    const expired = await fetchLink(url);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { detail: string }).detail).toMatch(/expired/);
    // Access tokens expired too.
    anna = await loginAs(server, 'anna@example.com');
    li = await loginAs(server, 'li@example.com');
    ivan = await loginAs(server, 'ivan@example.com');
    maria = await loginAs(server, 'maria@example.com');
  });
});

describe('who may read a file', () => {
  it('refuses a stranger; lets a lesson’s students in once a material using it is shown there', async () => {
    const audio = (await upload(anna, server, FILE_SAMPLES.mp3, 'audio/mpeg', 'kettle.mp3')).body;
    expect((await linkFor(li, audio.id)).status).toBe(404);
    expect((await linkFor(ivan, audio.id)).status).toBe(404);

    const words = await anna.post('/api/materials', {
      ...MATERIAL_BODIES.vocabulary,
      content: { entries: [{ word: 'kettle', translation: 'чайник', audioFileId: audio.id }] },
    });
    expect(words.status).toBe(201);
    // Not shown yet: still private.
    expect((await linkFor(ivan, audio.id)).status).toBe(404);
    const lessonId = await bookLesson(server, 'anna@example.com', ['ivan@example.com']);
    await anna.post(`/api/lessons/${lessonId}/board-materials`, { materialId: words.body.id });
    const ivansLink = await linkFor(ivan, audio.id);
    expect(ivansLink.status).toBe(200);
    expect((await fetchLink(ivansLink.body.url)).status).toBe(200);
    expect((await linkFor(maria, audio.id)).status).toBe(404);
    // Other teachers see it when the material is shared.
    expect((await linkFor(li, audio.id)).status).toBe(404);
    const methodist = await loginAs(server, 'methodist@example.com');
    await methodist.patch(`/api/materials/${words.body.id}`, { shared: true });
    expect((await linkFor(li, audio.id)).status).toBe(200);
  });

  it('lets materials use only files their author may read, of the right sort', async () => {
    const pdf = (await upload(anna, server, FILE_SAMPLES.pdf, 'application/pdf', 'worksheet.pdf')).body;
    const image = (await upload(anna, server, FILE_SAMPLES.png, 'image/png', 'map.png')).body;
    const document = await anna.post('/api/materials', { kind: 'file', title: 'Worksheet', language: 'en', content: { fileId: pdf.id } });
    expect(document.status).toBe(201);
    const row = await server.db.material.findUniqueOrThrow({ where: { id: document.body.id } });
    expect(row).toMatchObject({ fileId: pdf.id, fileIds: [pdf.id] });

    const notVideo = await anna.post('/api/materials', { kind: 'video', title: 'V', language: 'en', content: { source: { fileId: image.id } } });
    expect(notVideo.body.errors).toEqual([{ path: 'body.content.source.fileId', message: 'must be a video file' }]);
    const withImage = await anna.post('/api/materials', {
      kind: 'text',
      title: 'Map',
      language: 'en',
      content: { doc: { blocks: [{ type: 'image', source: { fileId: image.id }, alt: 'Map' }] } },
    });
    expect(withImage.status).toBe(201);
    const someoneElses = await li.post('/api/materials', { kind: 'file', title: 'Mine', language: 'zh', content: { fileId: pdf.id } });
    expect(someoneElses.body.errors).toEqual([{ path: 'body.content.fileId', message: 'no such file among those you may use' }]);
  });
});
