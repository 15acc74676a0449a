import { fileURLToPath } from 'node:url';

// Kept apart from window.ts so the packaging tests can read them without loading electron.

/** electron-builder.yml's appId: Windows groups the window with the installed shortcuts by it. */
export const APP_ID = 'cn.gov.street.command';

/**
 * resources/icon.png, two folders up from this module both as source (electron/main) and as
 * built (out/main, also inside the asar, where electron-builder.yml's `files` puts the icon).
 */
export const APP_ICON = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));
