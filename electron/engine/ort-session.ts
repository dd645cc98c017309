import { AppError } from '../../shared/contract';
import type { ExecutionProvider } from '../../shared/models/manifest';
import { providerPreference } from './doctor/providers';
import type { Ort } from './ort';
import { isOutOfMemory } from './render/memory';

export type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export interface OpenedSession {
  session: Session;
  provider: ExecutionProvider;
  /** Providers tried before the one that worked, each with why it failed. */
  fallbacks: string[];
}

/**
 * Which providers to try, in order: the one the user forced in settings, then the pack's
 * preferences that this platform has, then this platform's other GPU providers (best first),
 * then the CPU. TensorRT is tried only when the pack asks for it: building its engine for a
 * model it was not tuned for can take minutes.
 */
export function providerOrder(preferred: readonly ExecutionProvider[], forced: ExecutionProvider | null = null): ExecutionProvider[] {
  const available = providerPreference();
  const order = [
    ...(forced ? [forced] : []),
    // A pack's "cpu" (also the default when it names none) is the fallback, not a reason to skip the GPU.
    ...preferred.filter((p) => p !== 'cpu' && available.includes(p)),
    ...available.filter((p) => p !== 'tensorrt'),
    'cpu' as const,
  ];
  return order.filter((p, i) => order.indexOf(p) === i);
}

const broken = new Map<ExecutionProvider, string>();

/** onnxruntime's messages start with a source location and a C++ signature; the reason is what follows "FAIL :". */
export function shortReason(message: string): string {
  const line = message.split('\n')[0] ?? '';
  const tail = /(?:FAIL|INVALID_ARGUMENT|NOT_IMPLEMENTED|RUNTIME_EXCEPTION) : (.*)$/.exec(line)?.[1] ?? line;
  return tail.replace(/\s+/g, ' ').trim().slice(0, 200) || 'failed';
}

/**
 * Load failures that are the model file's fault, not the provider's: no other provider can load
 * it either, so they are reported at once, naming the file and what to do.
 */
export function modelProblem(message: string, file: string): AppError | null {
  const name = file.split(/[\\/]/).pop() ?? file;
  const opset = /Opset (\d+)[^.]*(under development|not supported|is not supported)/i.exec(message) ?? /opset[^0-9]*(\d+)[^.]*unsupported/i.exec(message);
  if (opset || /ValidateOpsetForDomain/.test(message)) {
    const till = /till opset (\d+)/.exec(message)?.[1];
    return new AppError(
      'unsupported',
      `${name} uses ONNX opset ${opset?.[1] ?? '(newer)'}, which this onnxruntime cannot run${till ? ` (it supports up to ${till})` : ''}.`,
      'Re-export the model at a released opset (17 is safe), or update PhysStudio.',
    );
  }
  if (/Protobuf parsing failed|ModelProto|Invalid model|is not a valid/i.test(message)) {
    return new AppError(
      'integrity',
      `${name} is not a readable ONNX model (corrupt or truncated).`,
      'Verify the pack in the models manager, or copy it again.',
    );
  }
  if (/File doesn't exist|No such file/i.test(message)) {
    return new AppError('not_found', `${name} is missing from its model pack.`, 'Copy the whole pack folder again.');
  }
  if (/Unsupported model IR version/i.test(message)) {
    return new AppError(
      'unsupported',
      `${name} was saved with a newer ONNX IR version than this onnxruntime reads.`,
      'Re-export it with an older onnx package, or update PhysStudio.',
    );
  }
  return null;
}

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
      const problem = modelProblem((err as Error).message, file);
      if (problem) throw problem;
      // Running out of memory while loading weights is the device being full, not the provider
      // missing: another provider would only hide it (and the CPU would be slow). The caller says so.
      if (isOutOfMemory(err)) throw err;
      const message = (err as Error).message;
      const reason = shortReason(message);
      if (/load (shared )?library|cannot open shared object|not (built|enabled|supported)|No supported adapters/i.test(message)) broken.set(provider, reason);
      fallbacks.push(`${provider}: ${reason}`);
    }
  }
  throw new AppError('unsupported', `${label} could not be loaded on any execution provider.`, fallbacks.join('; '));
}
