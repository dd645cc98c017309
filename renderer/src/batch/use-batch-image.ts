import { useEffect, useState } from 'react';
import { useApi } from '../api/use-api';

const cache = new Map<string, Promise<string | null>>();

/** An image of a batch's folder (a contact sheet) as a data URL; batch folders are outside the library the media route serves. */
export function useBatchImage(batchId: string, path: string | null | undefined): string | null {
  const api = useApi();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    const key = `${batchId}/${path}`;
    let promise = cache.get(key);
    if (!promise) {
      promise = api['batches.image']({ id: batchId, path })
        .then((r) => r.dataUrl)
        .catch(() => null);
      cache.set(key, promise);
    }
    let live = true;
    void promise.then((u) => live && setUrl(u));
    return () => {
      live = false;
    };
  }, [api, batchId, path]);
  return url;
}
