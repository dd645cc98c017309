import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, isSafeExternalUrl, secureWebPreferences } from '../../electron/main/security';
import { contentSecurityPolicy } from '../../shared/security/csp';

describe('window hardening', () => {
  it('isolates and sandboxes the renderer', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('opens only plain http(s) links externally', () => {
    expect(isSafeExternalUrl('https://github.com/physstudio')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(true);
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com', 'app://physstudio/x', 'nonsense']) {
      expect(isSafeExternalUrl(bad), bad).toBe(false);
    }
  });

  it('denies every permission except the few the app uses, and only to the app origin', () => {
    expect(isPermissionAllowed('fullscreen', 'app://physstudio/index.html')).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'app://physstudio/index.html')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'hid', 'serial']) {
      expect(isPermissionAllowed(p, 'app://physstudio/index.html'), p).toBe(false);
    }
    expect(isPermissionAllowed('fullscreen', 'https://evil.example')).toBe(false);
  });

  it('has a CSP with no inline script, no eval and no remote origins', () => {
    const csp = contentSecurityPolicy({ connect: ['ws://127.0.0.1:5000'], media: ['media:'] });
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:\/\/(?!127\.0\.0\.1)/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5000");
  });
});
