import type { PhysStudioApi } from '../../../shared/contract';
import { connection } from './client';

/** The typed API; components only render once a connection exists (see App.tsx). */
export function useApi(): PhysStudioApi {
  if ('error' in connection) throw new Error(connection.error);
  return connection.api;
}
