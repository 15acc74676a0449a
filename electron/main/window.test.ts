import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeElectron } from './fake-electron';

vi.mock('electron', () => fakeElectron);

const { APP_ORIGIN, createMainWindow, mainWindowOptions } = await import('./window');
const { APP_ICON } = await import('./app-identity');

describe('main window hardening', () => {
  it('runs the page sandboxed, isolated and without Node', () => {
    const prefs = mainWindowOptions('/p/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/p/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app from its own scheme and denies new windows', () => {
    createMainWindow('/p/preload.cjs', `${APP_ORIGIN}/index.html`, APP_ORIGIN);
    const win = FakeBrowserWindow.created.at(-1)!;
    expect(win.loadedUrl).toBe('app://street-command/index.html');
    expect(win.webContents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('blocks navigation and redirects away from the app, and webviews', () => {
    createMainWindow('/p/preload.cjs', `${APP_ORIGIN}/index.html`, APP_ORIGIN);
    const wc = FakeBrowserWindow.created.at(-1)!.webContents;
    expect(wc.emitPreventable('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(wc.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.emitPreventable('will-redirect', 'http://127.0.0.1:5780/')).toBe(true);
    expect(wc.emitPreventable('will-navigate', `${APP_ORIGIN}/index.html#/places`)).toBe(false);
    expect(wc.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('gives the window the app icon on Linux and leaves Windows to the exe’s .ico', () => {
    expect(mainWindowOptions('/p/preload.cjs', 'linux').icon).toBe(APP_ICON);
    expect(APP_ICON.replaceAll('\\', '/')).toMatch(/\/resources\/icon\.png$/);
    expect(existsSync(APP_ICON)).toBe(true);
    expect(mainWindowOptions('/p/preload.cjs', 'win32')).not.toHaveProperty('icon');
  });
});
