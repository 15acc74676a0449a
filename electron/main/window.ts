import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { APP_ICON } from './app-identity';

/** The renderer is served from this privileged custom scheme, never from file:// or the web. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://street-command`;

export function mainWindowOptions(preload: string, platform: NodeJS.Platform = process.platform): BrowserWindowConstructorOptions {
  return {
    // Linux window managers take the window's own icon; Windows shows the exe's multi-size .ico.
    ...(platform === 'linux' ? { icon: APP_ICON } : {}),
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 680,
    title: '街道防控指挥台',
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Applied to every WebContents: no new windows, no navigation away from the app, no webviews. */
export function hardenWebContents(contents: WebContents, trustedOrigin: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url, trustedOrigin)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function isTrustedUrl(url: string, trustedOrigin: string): boolean {
  // Compare scheme and host: for a custom scheme like app:// URL.origin is the string
  // "null", which would equal the origin of file:// and data: URLs.
  try {
    const u = new URL(url);
    const t = new URL(trustedOrigin);
    return u.protocol === t.protocol && u.host === t.host && u.host !== '';
  } catch {
    return false;
  }
}

export function createMainWindow(preload: string, startUrl: string, trustedOrigin: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preload));
  hardenWebContents(win.webContents, trustedOrigin);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl);
  return win;
}
