import { Problem, type UploadedFile } from '@panda/shared';
import { ApiError, currentAccessToken, refreshSession } from './client';

export interface Upload {
  done: Promise<UploadedFile>;
  abort: () => void;
}

/**
 * Sends a file's bytes as the body of `POST /api/files` (its type in Content-Type, its name in the
 * query). XMLHttpRequest rather than fetch: only it reports upload progress. `onProgress` gets 0–1.
 */
export function uploadFile(file: File, onProgress: (share: number) => void): Upload {
  // The request under way (a second one follows a token refresh) and whether the person cancelled.
  const state: { xhr: XMLHttpRequest | null; aborted: boolean } = { xhr: null, aborted: false };

  const send = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      state.xhr = xhr;
      xhr.open('POST', `/api/files?${new URLSearchParams({ name: file.name })}`);
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      // A file the browser can't type is still sent: the server answers with the stable code for it.
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      const token = currentAccessToken();
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new ApiError(0, 'network'));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      xhr.send(file);
    });

  const done = (async () => {
    let response = await send();
    if (response.status === 401 && !state.aborted) {
      await refreshSession();
      onProgress(0);
      response = await send();
    }
    const body = parseJson(response.text);
    if (response.status >= 200 && response.status < 300) return body as UploadedFile;
    const problem = Problem.safeParse(body);
    if (!problem.success) throw new ApiError(response.status, 'unexpected');
    throw new ApiError(problem.data.status, problem.data.code, { fieldErrors: problem.data.errors });
  })();

  return {
    done,
    abort: () => {
      state.aborted = true;
      state.xhr?.abort();
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
