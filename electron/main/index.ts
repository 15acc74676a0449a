/// <reference types="electron-vite/node" />
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION, type CoreApi } from '../core/registry/core';
import coreHost from '../core/worker/host?modulePath';
import coreThreads from '../core/registry/threads?modulePath';
import type { TileRequest } from '../core/map/tile-path';
import { registerApi } from './ipc';
import { desktopLanSharing } from './lan';
import type { LanSharing } from '../server/lan/sharing';
import { registerPrint } from './print';
import { safeStorageKeyStore } from './key-store';
import { startCore } from './start-core';
import { menuTemplate } from './menu';
import { appSchemeHandler, hardenSession, registerAppScheme } from './protocol';
import { APP_ID } from './app-identity';
import { APP_ORIGIN, APP_SCHEME, createMainWindow, hardenWebContents } from './window';

/**
 * The desktop shell stays thin: open the core, bind IPC, show one hardened window.
 * All behaviour lives in electron/core, which the browser/LAN mode serves as well.
 */
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const trustedOrigin = devUrl ?? APP_ORIGIN;
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

let core: CoreApi | null = null;
let sharing: LanSharing | null = null;

registerAppScheme(protocol);
app.enableSandbox();
// Without it the taskbar groups the window apart from the installed shortcut, under Electron's name.
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
app.on('web-contents-created', (_e, contents) => hardenWebContents(contents, trustedOrigin));

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(async () => {
  const dataDir = app.getPath('userData');
  const keyStore = safeStorageKeyStore(safeStorage, path.join(dataDir, 'database-key.bin'));
  core = await startCore(
    {
      dataDir,
      demoOnCreate: true,
      transport: 'desktop',
      keyStore,
      adminPassword: process.env.STREET_COMMAND_ADMIN_PASSWORD,
      hostFile: coreHost,
      threadFile: coreThreads,
    },
    dialog,
  );
  if (!core) {
    app.quit();
    return;
  }
  const origins = () => core?.imgOrigins() ?? [];
  hardenSession(session.defaultSession, origins);
  // 设置 → 局域网共享: the LAN server runs here, beside the window, and comes back on if it was on.
  const lan = desktopLanSharing(core, dataDir, safeStorage, rendererDir);
  sharing = lan.sharing;
  void sharing.restore();
  const binding = registerApi(ipcMain, lan.windowCore, trustedOrigin);
  registerPrint(ipcMain, dialog, (contents) => BrowserWindow.fromWebContents(contents), trustedOrigin);
  // Tiles of imported packs, for the one window's session (the page cannot send it: it never sees the token).
  const tiles = ({ packId, z, x, y }: TileRequest) => core?.tile(binding.latestToken(), packId, z, x, y) ?? { status: 404 as const };
  protocol.handle(APP_SCHEME, appSchemeHandler(rendererDir, origins, tiles));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        !app.isPackaged,
        () => void dialog.showMessageBox({ title: '关于', message: `街道防控指挥台 ${APP_VERSION}`, detail: `数据目录：${app.getPath('userData')}` }),
      ),
    ),
  );
  createMainWindow(preload, devUrl ?? `${APP_ORIGIN}/index.html`, trustedOrigin);
});

app.on('second-instance', () => {
  // Bring the running window forward instead of opening the database twice.
  const [win] = BrowserWindow.getAllWindows();
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.on('window-all-closed', () => {
  // The worker closes the database and releases the data folder before the app exits.
  const closing = Promise.resolve(sharing?.close()).then(() => core?.close());
  sharing = null;
  core = null;
  void Promise.resolve(closing).finally(() => app.quit());
});
