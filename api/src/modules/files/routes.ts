import { FileContentQuery, FileLink, IdParams, UploadedFile, uploadMediaTypeOf, UploadQuery } from '@panda/shared';
import type { Response } from 'express';
import { DomainError } from '../../domain-error.js';
import type { ApiModule } from '../../module.js';
import { mayReadFile } from './access.js';
import { UploadRejected } from './file-store.js';
import { fileContentSecurityPolicy, fileLinkPath, fileLinkSignatureValid, inlineDisposition, linkExpiry } from './links.js';
import { contentMatchesType } from './sniff.js';

const toFileDto = (file: { id: string; name: string; mimeType: string; size: number; sha256: string; createdAt: Date }): UploadedFile => ({
  id: file.id,
  name: file.name,
  mimeType: file.mimeType,
  size: file.size,
  sha256: file.sha256,
  createdAt: file.createdAt.toISOString(),
});

/** Answers with a file's bytes; `sendFile` handles Range, ETag and Last-Modified. */
function sendStoredFile(response: Response, filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(filePath, { acceptRanges: true, cacheControl: false }, (error?: Error & { status?: number; headers?: Record<string, string> }) => {
      // Once bytes have gone out, a failure (the viewer closed the tab) has no one to tell.
      if (!error || response.headersSent) return resolve();
      if (error.status === 416) {
        // A range past the end: the answer says how long the file is (Content-Range: bytes */size).
        response.status(416).set(error.headers ?? {}).end();
        return resolve();
      }
      reject(error.status === 404 ? new DomainError('not_found', 'the file is missing') : error);
    });
  });
}

/** Why an upload the store refused is refused (files and homework uploads). */
export function rejection(error: UploadRejected, mimeType: string, maxBytes: number): DomainError {
  switch (error.reason) {
    case 'too_large':
      return new DomainError('payload_too_large', `files are limited to ${maxBytes} bytes`);
    case 'empty':
      return new DomainError('validation_failed', 'the file is empty', { fields: [{ path: 'body', message: 'must not be empty' }] });
    case 'type_mismatch':
      return new DomainError('file_type_mismatch', `the contents are not ${mimeType}`);
  }
}

/** A Content-Type that is not among the accepted uploads (files and homework uploads). */
export const unsupportedFileType = (): DomainError =>
  new DomainError('unsupported_file_type', 'this type of file is not accepted', {
    fields: [{ path: 'headers.content-type', message: 'must be one of the accepted types' }],
  });

/** What a student may upload: recordings of their words and pictures for their notes. */
const STUDENT_UPLOADS = ['audio/', 'image/'];

export const filesModule: ApiModule = {
  name: 'files',
  register(router, { db, clock, settings, services }) {
    const tag = 'files';
    const { maxBytes, linkSecret } = settings.uploads;
    const store = services.files;

    router.operation(
      {
        method: 'post',
        path: '/files',
        summary: `Upload a file: the raw bytes as the body, its type as Content-Type, ?name= its name. Video (mp4, webm), audio (mpeg, ogg, wav, webm, mp4), images (png, jpeg, gif, webp) or PDF (students: audio and images only — their words' pronunciation, pictures in their notes); the contents must match the type (400 file_type_mismatch); at most UPLOAD_MAX_MB (413)`,
        tag,
        access: 'user',
        query: UploadQuery,
        response: UploadedFile,
        status: 201,
      },
      async ({ query, user, request }) => {
        const mimeType = uploadMediaTypeOf(request.headers['content-type']);
        if (!mimeType || (user.role === 'student' && !STUDENT_UPLOADS.some((prefix) => mimeType.startsWith(prefix)))) throw unsupportedFileType();
        // Refused before a byte is read when the size is announced; otherwise counted while saving.
        if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw rejection(new UploadRejected('too_large'), mimeType, maxBytes);
        const stored = await store.save(request, { maxBytes, accepts: (head) => contentMatchesType(head, mimeType) }).catch((error: unknown) => {
          throw error instanceof UploadRejected ? rejection(error, mimeType, maxBytes) : error;
        });
        try {
          const file = await db.uploadedFile.create({ data: { ownerId: user.id, name: query.name, mimeType, ...stored } });
          return toFileDto(file);
        } catch (error) {
          await store.remove(stored.storageKey);
          throw error;
        }
      },
    );

    router.operation(
      { method: 'post', path: '/files/:id/link', summary: 'A signed link to read a file I may see (about 6 hours), for <video>, <audio>, <img> or a download', tag, access: 'user', params: IdParams, response: FileLink },
      async ({ params, user }) => {
        const file = await db.uploadedFile.findUnique({ where: { id: params.id }, select: { id: true, ownerId: true } });
        if (!file || !(await mayReadFile(db, user, file))) throw new DomainError('not_found', 'no such file');
        const expires = linkExpiry(clock.now());
        return { url: fileLinkPath(linkSecret, file.id, expires), expiresAt: new Date(expires * 1000).toISOString() };
      },
    );

    router.operation(
      { method: 'get', path: '/files/:id/content', summary: 'A file’s bytes through a signed link (supports Range requests)', tag, access: 'public', params: IdParams, query: FileContentQuery },
      async ({ params, query, response }) => {
        if (!fileLinkSignatureValid(linkSecret, params.id, query.expires, query.signature)) throw new DomainError('forbidden', 'this link is not valid');
        const secondsLeft = query.expires - Math.floor(clock.now().getTime() / 1000);
        if (secondsLeft <= 0) throw new DomainError('forbidden', 'this link has expired; ask for a new one');
        const file = await db.uploadedFile.findUnique({ where: { id: params.id } });
        if (!file) throw new DomainError('not_found', 'no such file');
        response.set({
          'Content-Type': file.mimeType,
          'Content-Disposition': inlineDisposition(file.name),
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': fileContentSecurityPolicy(file.mimeType),
          'Cache-Control': `private, max-age=${secondsLeft}`,
        });
        await sendStoredFile(response, store.pathOf(file.storageKey));
      },
    );
  },
};
