import type { ProviderProbe } from '../../../shared/contract';
import { EXECUTION_PROVIDERS, type ExecutionProvider } from '../../../shared/models/manifest';
import { withTimeout } from '../../common/timeout';
import type { Ort } from '../ort';

/**
 * Which providers onnxruntime-node ships for each OS, in the order we prefer them. Its Windows
 * build has DirectML and WebGPU but no CUDA (onnxruntime-node's own provider table).
 */
const PREFERENCE: Record<string, ExecutionProvider[]> = {
  linux: ['tensorrt', 'cuda', 'webgpu', 'cpu'],
  win32: ['dml', 'webgpu', 'cpu'],
  darwin: ['coreml', 'webgpu', 'cpu'],
};

export function providerPreference(platform: string = process.platform): ExecutionProvider[] {
  return PREFERENCE[platform] ?? ['cpu'];
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Tries to create a session on exactly one provider and run the probe model through it.
 * onnxruntime throws (rather than silently falling back) when a provider cannot load, which is
 * what lets us report the truth per provider.
 */
export async function probeProvider(ort: Ort, modelPath: string, id: ExecutionProvider, platform = process.platform): Promise<ProviderProbe> {
  const applicable = providerPreference(platform).includes(id);
  const started = performance.now();
  let session: Awaited<ReturnType<Ort['InferenceSession']['create']>> | undefined;
  try {
    session = await withTimeout(
      ort.InferenceSession.create(modelPath, { executionProviders: [id], logSeverityLevel: 3 }),
      PROBE_TIMEOUT_MS,
      `Creating a ${id} session`,
    );
    const x = new ort.Tensor('float32', new Float32Array([1, 2, 3, 4]), [1, 4]);
    const out = await withTimeout(session.run({ x }), PROBE_TIMEOUT_MS, `Running the probe on ${id}`);
    const y = Array.from((out.y?.data ?? []) as Float32Array);
    if (y.join(',') !== '3,5,7,9') {
      return { id, applicable, available: false, error: `probe model returned [${y.join(', ')}], expected [3, 5, 7, 9]` };
    }
    return { id, applicable, available: true, millis: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    const hint = applicable ? providerHint(id, platform) : undefined;
    return { id, applicable, available: false, error: cleanOrtError((err as Error).message), ...(hint ? { hint } : {}) };
  } finally {
    await session?.release().catch(() => {});
  }
}

/** onnxruntime errors carry source paths and repeated prefixes; keep the part a user can act on. */
export function cleanOrtError(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  let text = firstLine
    .replace(/^\/?onnxruntime_src\/\S+\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // Failed C++ checks read "<function signature> <condition> was false. <explanation>": keep the explanation.
  const explained = /\bwas false\.\s+(.+)$/.exec(text);
  if (explained?.[1]) text = explained[1];
  return text.slice(0, 400) || 'unknown error';
}

/** What a user can do about a provider that failed, when we know. */
export function providerHint(id: ExecutionProvider, platform: string = process.platform): string | undefined {
  switch (id) {
    case 'cuda':
    case 'tensorrt':
      if (platform === 'linux') {
        return "Install onnxruntime's CUDA 12 providers with `npm run gpu:cuda`, plus the NVIDIA driver with CUDA 12 and cuDNN 9 (TensorRT 10 for tensorrt).";
      }
      return platform === 'win32' ? 'onnxruntime-node for Windows has no CUDA provider; DirectML (dml) runs on the same NVIDIA GPU.' : undefined;
    case 'webgpu':
      return 'Needs a GPU driver with Vulkan (Linux), Direct3D 12 (Windows) or Metal (macOS).';
    case 'dml':
      return platform === 'win32' ? 'Needs a DirectX 12 capable GPU and driver.' : undefined;
    case 'coreml':
      return platform === 'darwin' ? 'Needs macOS 12 or later.' : undefined;
    default:
      return undefined;
  }
}

export async function probeAllProviders(ort: Ort, modelPath: string, platform = process.platform): Promise<ProviderProbe[]> {
  const results: ProviderProbe[] = [];
  // Sequential on purpose: GPU runtimes initialising in parallel fight over the device.
  for (const id of EXECUTION_PROVIDERS) results.push(await probeProvider(ort, modelPath, id, platform));
  return results;
}

/** The forced provider when it works, else the first working one in preference order. */
export function chooseProvider(probes: ProviderProbe[], forced: ExecutionProvider | null, platform = process.platform): ExecutionProvider | null {
  const works = (id: ExecutionProvider) => probes.some((p) => p.id === id && p.available);
  if (forced && works(forced)) return forced;
  return providerPreference(platform).find(works) ?? null;
}
