import { type FileLink, MINUTE_MS } from '@panda/shared';
import { api } from '../api/endpoints';
import { useQuery } from './useQuery';

/** Links are asked for again this long before they expire, so a playing video never hits a dead one. */
const RENEW_BEFORE_MS = 10 * MINUTE_MS;

const links = new Map<string, Promise<FileLink>>();

/**
 * A signed link to an uploaded file, shared by every component that shows it. The server gives the
 * same address within the hour, so the browser's cache serves images and media again.
 */
function fileLink(fileId: string): Promise<FileLink> {
  const cached = links.get(fileId);
  if (cached) return cached;
  const link = api.fileLink(fileId).then(
    (value) => {
      const renewIn = Date.parse(value.expiresAt) - Date.now() - RENEW_BEFORE_MS;
      window.setTimeout(() => links.delete(fileId), Math.max(0, renewIn));
      return value;
    },
    (error: unknown) => {
      links.delete(fileId);
      throw error;
    },
  );
  links.set(fileId, link);
  return link;
}

/** Where to read an uploaded file from (`src` of an image or player), once its link is known. */
export function useFileUrl(fileId: string | undefined) {
  const link = useQuery(() => (fileId ? fileLink(fileId) : Promise.resolve(undefined)), [fileId]);
  return { url: link.data?.url, error: link.error, reload: link.reload };
}
