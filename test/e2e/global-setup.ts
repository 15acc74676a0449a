import { fileURLToPath } from 'node:url';
import { ensureRenderer } from '../../electron/server/ensure-renderer';

/** Build the renderer once before the browser suite (the server would otherwise race to). */
export default async function setup(): Promise<void> {
  await ensureRenderer(fileURLToPath(new URL('../../', import.meta.url)));
}
