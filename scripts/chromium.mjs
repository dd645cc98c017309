// The system Chromium the tests and benchmarks drive, and the flags it needs on an offline
// machine (no sandbox as root, no GPU, no background network traffic).
export const CHROMIUM = process.env.PHYSSTUDIO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
