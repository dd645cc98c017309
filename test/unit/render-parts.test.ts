import { describe, expect, it } from 'vitest';
import type { Session } from '../../electron/engine/ort-session';
import { modelProblem, providerOrder, shortReason } from '../../electron/engine/ort-session';
import { trajectoryData } from '../../electron/engine/render/conditions';
import { GpuQueue } from '../../electron/engine/render/gpu-queue';
import { checkGraph } from '../../electron/engine/render/graph-check';
import { nearestFrames, renderSize } from '../../electron/engine/render/request';
import { stepEvent } from '../../electron/engine/render/step-event';
import { renderDefaults } from '../../shared/run/render';

const pipeline = {
  scheduler: 'flow-euler' as const,
  defaultSteps: 30,
  guidance: 5,
  latent: { channels: 16, spatialScale: 8, temporalScale: 4, scaling: 1, shift: 3 },
  fps: 16,
  frames: { min: 5, max: 81, default: 49 },
  resolution: { min: 256, max: 1280, multipleOf: 16 },
};

describe('render request helpers', () => {
  it('snaps frame counts to one more than a multiple of the temporal scale, within the pack’s limits', () => {
    expect(nearestFrames(pipeline, 48)).toBe(49);
    expect(nearestFrames(pipeline, 2)).toBe(5);
    expect(nearestFrames(pipeline, 500)).toBe(81);
    expect(nearestFrames({ ...pipeline, frames: { min: 6, max: 80, default: 49 } }, 6)).toBe(9);
  });

  it('sizes a render from the picture’s shape on the pack’s grid', () => {
    expect(renderSize(pipeline, { width: 800, height: 600 }, 832)).toEqual({ width: 832, height: 624 });
    expect(renderSize(pipeline, { width: 600, height: 800 }, 512)).toEqual({ width: 384, height: 512 });
    // A very wide picture still gets the pack's smallest side, not less.
    expect(renderSize(pipeline, { width: 4000, height: 100 }, 512)).toEqual({ width: 512, height: 256 });
    expect(renderSize(pipeline, { width: 100, height: 100 }, 5000)).toEqual({ width: 1280, height: 1280 });
  });

  it('defaults to the pack’s own settings with every physics condition it accepts', () => {
    const video = {
      defaultSteps: 30,
      guidance: 5,
      frames: { min: 5, max: 81, default: 49, step: 4 },
      resolution: pipeline.resolution,
      conditions: ['text', 'image', 'trajectories'],
    };
    expect(renderDefaults('wan', video)).toEqual({
      packId: 'wan',
      steps: 30,
      guidance: 5,
      size: 512,
      frames: 49,
      negativePrompt: '',
      physicsTokens: false,
      trajectories: true,
      initStrength: null,
    });
  });

  it('resamples object paths to the render’s frame count', () => {
    const data = trajectoryData([{ x: [0, 0.25, 0.5, 0.75, 1], y: [1, 1, 1, 1, 1] }], 3);
    expect(Array.from(data)).toEqual([0, 1, 0.5, 1, 1, 1]);
  });
});

describe('the GPU queue', () => {
  it('runs one holder at a time, in order, and tells waiters their place', async () => {
    const gpu = new GpuQueue();
    const signal = new AbortController().signal;
    const first = await gpu.acquire(signal);
    const places: number[][] = [[], []];
    const order: string[] = [];
    const second = gpu
      .acquire(signal, (n) => places[0]?.push(n))
      .then((release) => {
        order.push('second');
        return release;
      });
    const third = gpu
      .acquire(signal, (n) => places[1]?.push(n))
      .then((release) => {
        order.push('third');
        release();
      });
    expect(gpu.busy).toBe(true);
    first();
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(places).toEqual([[1], [2, 1]]);
    expect(gpu.busy).toBe(false);
  });

  it('lets a cancelled waiter leave the queue without taking a turn', async () => {
    const gpu = new GpuQueue();
    const release = await gpu.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = gpu.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    release();
    expect(gpu.busy).toBe(false);
  });
});

describe('checking a graph against its manifest entry', () => {
  const graph = {
    role: 'denoiser',
    file: 'denoiser.onnx',
    inputs: [
      { name: 'sample', dtype: 'float32' as const, shape: ['batch', 16, 'f', 'h', 'w'] },
      { name: 'timestep', dtype: 'float32' as const, shape: ['batch'] },
    ],
    outputs: [{ name: 'velocity', dtype: 'float32' as const, shape: ['batch', 16, 'f', 'h', 'w'] }],
  };
  const session = (inputs: Array<{ name: string; type: string; shape: Array<number | string> }>) =>
    ({
      inputNames: inputs.map((i) => i.name),
      outputNames: ['velocity'],
      inputMetadata: inputs.map((i) => ({ ...i, isTensor: true })),
      outputMetadata: [{ name: 'velocity', isTensor: true, type: 'float32', shape: ['b', 16, 'f', 'h', 'w'] }],
    }) as unknown as Session;

  it('accepts a graph whose symbolic names differ but whose fixed sizes agree', () => {
    expect(() =>
      checkGraph(
        graph,
        session([
          { name: 'sample', type: 'float32', shape: ['b', 16, 'frames', 'height', 'width'] },
          { name: 'timestep', type: 'float32', shape: [1] },
        ]),
      ),
    ).not.toThrow();
  });

  it('names the file and the tensor for a missing input, a wrong dtype, a wrong size or an undeclared input', () => {
    const cases: Array<[Parameters<typeof session>[0], RegExp]> = [
      [
        [{ name: 'sample', type: 'float32', shape: ['b', 16, 'f', 'h', 'w'] }],
        /denoiser\.onnx: the manifest declares input "timestep", which the graph does not have \(it has sample\)/,
      ],
      [
        [
          { name: 'sample', type: 'float16', shape: ['b', 16, 'f', 'h', 'w'] },
          { name: 'timestep', type: 'float32', shape: ['b'] },
        ],
        /input "sample" is float16 in the graph, but the manifest says float32/,
      ],
      [
        [
          { name: 'sample', type: 'float32', shape: ['b', 4, 'f', 'h', 'w'] },
          { name: 'timestep', type: 'float32', shape: ['b'] },
        ],
        /input "sample" has shape \[b, 4, f, h, w\] in the graph, but the manifest says \[batch, 16, f, h, w\]/,
      ],
      [
        [
          { name: 'sample', type: 'float32', shape: ['b', 16, 'f', 'h', 'w'] },
          { name: 'timestep', type: 'float32', shape: ['b'] },
          { name: 'guidance', type: 'float32', shape: ['b'] },
        ],
        /the graph takes "guidance", which the manifest does not declare/,
      ],
    ];
    for (const [inputs, message] of cases) expect(() => checkGraph(graph, session(inputs))).toThrow(message);
  });
});

describe('execution provider order', () => {
  it('tries a forced provider first, then the pack’s, then this platform’s GPU providers, then the CPU; TensorRT only when asked', () => {
    if (process.platform !== 'linux') return;
    expect(providerOrder(['cpu'])).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(providerOrder(['tensorrt', 'cuda', 'cpu'])).toEqual(['tensorrt', 'cuda', 'webgpu', 'cpu']);
    expect(providerOrder(['cuda', 'dml', 'coreml', 'cpu'], 'webgpu')).toEqual(['webgpu', 'cuda', 'cpu']);
  });
});

describe('onnxruntime load errors', () => {
  it('says which file is at fault and what to do, for model problems no other provider could fix', () => {
    const opset =
      'Load model from /p/x.onnx failed:/onnxruntime_src/onnxruntime/core/graph/model_load_utils.h:46 void onnxruntime::model_load_utils::ValidateOpsetForDomain(...) ONNX Runtime only *guarantees* support for models stamped with official released onnx opset versions. Opset 99 is under development and support for this is limited. Current official support for domain ai.onnx is till opset 26.';
    expect(modelProblem(opset, '/p/x.onnx')?.message).toBe('x.onnx uses ONNX opset 99, which this onnxruntime cannot run (it supports up to 26).');
    expect(modelProblem('Load model from /p/y.onnx failed:Protobuf parsing failed.', '/p/y.onnx')).toMatchObject({
      code: 'integrity',
      message: 'y.onnx is not a readable ONNX model (corrupt or truncated).',
    });
    expect(modelProblem("Load model /p/z.onnx failed. File doesn't exist", '/p/z.onnx')?.code).toBe('not_found');
    expect(modelProblem('OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library', '/p/z.onnx')).toBeNull();
  });

  it('keeps the reason, not the C++ location, of a provider failure', () => {
    expect(
      shortReason(
        '/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1988 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so',
      ),
    ).toBe('Failed to load library libonnxruntime_providers_cuda.so');
  });
});

describe('render step events', () => {
  it('carry the latent thumbnail, shrunk to at most 128 px a side', () => {
    const thumbnail = { width: 256, height: 64, data: new Uint8ClampedArray(256 * 64 * 4).fill(200) };
    const event = stepEvent('job_1', 'physics', { step: 2, steps: 4, thumbnail });
    expect(event).toMatchObject({ jobId: 'job_1', variant: 'physics', step: 2, steps: 4, width: 128, height: 32 });
    expect(Buffer.from(event.rgbaBase64, 'base64')).toHaveLength(128 * 32 * 4);
  });
});
