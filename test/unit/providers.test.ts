import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseProvider, cleanOrtError, probeProvider, providerPreference } from '../../electron/engine/doctor/providers';
import { loadOrt } from '../../electron/engine/ort';
import type { ProviderProbe } from '../../shared/contract';
import { ROOT } from '../helpers/engine';

const probeModel = join(ROOT, 'resources', 'probe', 'probe.onnx');
const probe = (id: ProviderProbe['id'], available: boolean): ProviderProbe => ({ id, applicable: true, available });

describe('execution provider choice', () => {
  it('prefers GPU providers per platform and falls back to cpu', () => {
    expect(providerPreference('linux')[0]).toBe('tensorrt');
    expect(providerPreference('win32')).toContain('dml');
    expect(providerPreference('darwin')[0]).toBe('coreml');
    expect(providerPreference('freebsd')).toEqual(['cpu']);
    expect(chooseProvider([probe('cuda', false), probe('cpu', true)], null, 'linux')).toBe('cpu');
    expect(chooseProvider([probe('cuda', true), probe('cpu', true)], null, 'linux')).toBe('cuda');
  });

  it('honours a forced provider only when it works', () => {
    expect(chooseProvider([probe('cuda', true), probe('cpu', true)], 'cpu', 'linux')).toBe('cpu');
    expect(chooseProvider([probe('cuda', false), probe('cpu', true)], 'cuda', 'linux')).toBe('cpu');
    expect(chooseProvider([probe('cpu', false)], null, 'linux')).toBeNull();
  });

  it('keeps the actionable part of onnxruntime errors', () => {
    expect(cleanOrtError('/onnxruntime_src/onnxruntime/core/x.cc:136 Failed to get adapter\nstack...')).toBe('Failed to get adapter');
    expect(cleanOrtError('')).toBe('unknown error');
    expect(
      cleanOrtError('onnxruntime::webgpu::Ctx::Init()::<lambda()> status == Success was false. Failed to get a WebGPU adapter: No supported adapters'),
    ).toBe('Failed to get a WebGPU adapter: No supported adapters');
  });
});

describe('probing with the real onnxruntime-node', () => {
  const loaded = loadOrt();
  it('loads onnxruntime-node', () => {
    expect('ort' in loaded).toBe(true);
  });

  it('runs the probe model on the CPU provider', async () => {
    if (!('ort' in loaded)) throw new Error(loaded.error);
    const result = await probeProvider(loaded.ort, probeModel, 'cpu');
    expect(result).toMatchObject({ id: 'cpu', available: true });
  });

  it('reports a provider whose libraries are missing as unavailable, with the reason', async () => {
    if (!('ort' in loaded)) throw new Error(loaded.error);
    // CoreML exists only on macOS builds of onnxruntime-node, so this is deterministic elsewhere.
    if (process.platform === 'darwin') return;
    const result = await probeProvider(loaded.ort, probeModel, 'coreml');
    expect(result.available).toBe(false);
    expect(result.error).toMatch(/coreml/i);
  });

  it('reports a missing model file as unavailable rather than throwing', async () => {
    if (!('ort' in loaded)) throw new Error(loaded.error);
    const result = await probeProvider(loaded.ort, '/nonexistent/model.onnx', 'cpu');
    expect(result.available).toBe(false);
    expect(result.error).toBeTruthy();
  });
});
