import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GpuInfo } from '../../../shared/contract';

const TOOL_TIMEOUT_MS = 4_000;

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: TOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

const PCI_VENDORS: Record<string, string> = { '0x10de': 'NVIDIA', '0x1002': 'AMD', '0x8086': 'Intel', '0x106b': 'Apple', '0x1af4': 'Virtio' };

async function nvidiaSmi(): Promise<GpuInfo[]> {
  const out = await run('nvidia-smi', ['--query-gpu=name,memory.total,driver_version', '--format=csv,noheader,nounits']);
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [name = 'NVIDIA GPU', mem, driver] = line.split(',').map((s) => s.trim());
      const mib = Number(mem);
      return {
        name,
        vendor: 'NVIDIA',
        source: 'nvidia-smi',
        ...(Number.isFinite(mib) ? { memoryBytes: mib * 1024 * 1024 } : {}),
        ...(driver ? { driver } : {}),
      };
    });
}

/** Linux without vendor tools: PCI display devices from sysfs. */
async function linuxDrm(): Promise<GpuInfo[]> {
  const root = '/sys/class/drm';
  const cards = (await readdir(root)).filter((c) => /^card\d+$/.test(c));
  const gpus: GpuInfo[] = [];
  for (const card of cards) {
    try {
      const vendorId = (await readFile(join(root, card, 'device', 'vendor'), 'utf8')).trim();
      const deviceId = (await readFile(join(root, card, 'device', 'device'), 'utf8')).trim();
      const vendor = PCI_VENDORS[vendorId] ?? vendorId;
      gpus.push({ name: `${vendor} device ${deviceId}`, vendor, source: 'sysfs' });
    } catch {
      // a card without PCI identity (e.g. a virtual display) tells us nothing useful
    }
  }
  return gpus;
}

async function macProfiler(): Promise<GpuInfo[]> {
  const out = JSON.parse(await run('system_profiler', ['SPDisplaysDataType', '-json'])) as {
    SPDisplaysDataType?: Array<{ sppci_model?: string; spdisplays_vendor?: string; sppci_vram?: string }>;
  };
  return (out.SPDisplaysDataType ?? []).map((d) => ({
    name: d.sppci_model ?? 'GPU',
    vendor: (d.spdisplays_vendor ?? 'unknown').replace(/^sppci_vendor_/, ''),
    source: 'system_profiler',
  }));
}

async function windowsCim(): Promise<GpuInfo[]> {
  const out = await run('powershell.exe', [
    '-NoProfile',
    '-Command',
    'Get-CimInstance Win32_VideoController | Select-Object Name,AdapterCompatibility,AdapterRAM,DriverVersion | ConvertTo-Json',
  ]);
  const parsed = JSON.parse(out) as unknown;
  const list = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{
    Name?: string;
    AdapterCompatibility?: string;
    AdapterRAM?: number;
    DriverVersion?: string;
  }>;
  return list.map((d) => ({
    name: d.Name ?? 'GPU',
    vendor: d.AdapterCompatibility ?? 'unknown',
    source: 'Win32_VideoController',
    ...(typeof d.AdapterRAM === 'number' ? { memoryBytes: d.AdapterRAM } : {}),
    ...(d.DriverVersion ? { driver: d.DriverVersion } : {}),
  }));
}

const SOURCE_NAMES: Record<string, string> = {
  nvidiaSmi: 'nvidia-smi',
  linuxDrm: '/sys/class/drm',
  macProfiler: 'system_profiler',
  windowsCim: 'Win32_VideoController',
};

/** Best-effort GPU inventory; every tool call is time-limited and a missing tool is not an error. */
export async function detectGpus(platform = process.platform): Promise<{ gpus: GpuInfo[]; note?: string }> {
  const attempts: Array<() => Promise<GpuInfo[]>> =
    platform === 'linux' ? [nvidiaSmi, linuxDrm] : platform === 'win32' ? [nvidiaSmi, windowsCim] : platform === 'darwin' ? [macProfiler] : [];
  const failures: string[] = [];
  for (const attempt of attempts) {
    try {
      const gpus = await attempt();
      if (gpus.length > 0) return { gpus };
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      failures.push(
        e.code === 'ENOENT'
          ? `${SOURCE_NAMES[attempt.name] ?? attempt.name} not available`
          : `${SOURCE_NAMES[attempt.name] ?? attempt.name}: ${e.message.split('\n')[0]}`,
      );
    }
  }
  return { gpus: [], note: failures.length ? `No GPU found (${failures.join('; ').slice(0, 300)}).` : 'No GPU found.' };
}
