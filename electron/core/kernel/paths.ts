import path from 'node:path';

/**
 * Resolves a URL path inside root, or null when it would leave it (../, %2e%2e, %2f,
 * backslashes, NUL). Decoding happens once, before the containment check.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootResolved = path.resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + path.sep)) return null;
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  return full;
}
