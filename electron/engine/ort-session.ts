import { AppError } from '../../shared/contract';
import type { ExecutionProvider } from '../../shared/models/manifest';
import { providerPreference } from './doctor/providers';
import type { Ort } from './ort';

export type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export interface OpenedSession {
  session: Session;
  provider: ExecutionProvider;
  /** Providers tried before the one that worked, each with why it failed. */
  fallbacks: string[];
}

/**
 * Which providers to try, in order: the one the user forced in settings, then the pack's
 * preferences that this platform has, then the CPU.
 */
export function providerOrder(preferred: readonly ExecutionProvider[], forced: ExecutionProvider | null = null): ExecutionProvider[] {
  const available = providerPreference();
  const order = [...(forced ? [forced] : []), ...preferred.filter((p) => available.includes(p)), 'cpu' as const];
  return order.filter((p, i) => order.indexOf(p) === i);
}

const broken = new Map<ExecutionProvider, string>();

/**
 * onnxruntime throws when an execution provider cannot load instead of falling back, so each
 * provider is tried in turn and the first that creates a session wins; the others' errors are
 * kept so the UI can say why the GPU was not used.
 */
export async function openSession(ort: Ort, file: string, order: readonly ExecutionProvider[], label: string): Promise<OpenedSession> {
  const fallbacks: string[] = [];
  for (const provider of order) {
    // A provider whose libraries failed to load will fail again in this process: say so, skip it.
    const known = broken.get(provider);
    if (known && provider !== 'cpu') {
      fallbacks.push(`${provider}: ${known}`);
      continue;
    }
    try {
      // Failures come back as exceptions (kept below); onnxruntime's own log would repeat them on stderr.
      const session = await ort.InferenceSession.create(file, { executionProviders: [provider], logSeverityLevel: 4 });
      return { session, provider, fallbacks };
    } catch (err) {
      const reason = (err as Error).message.split('\n')[0]?.slice(0, 160) ?? 'failed';
      if (/load library|cannot open shared object|not (built|enabled|supported)/i.test(reason)) broken.set(provider, reason);
      fallbacks.push(`${provider}: ${reason}`);
    }
  }
  throw new AppError('unsupported', `${label} could not be loaded on any execution provider.`, fallbacks.join('; '));
}
