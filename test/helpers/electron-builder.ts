import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration, PlatformSpecificBuildOptions } from 'app-builder-lib';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { convertIcon, type IconFormat } from 'app-builder-lib/out/util/iconConverter.js';

/**
 * electron-builder's own reading of electron-builder.yml, for tests that cannot run a packaging
 * (no Electron binary, no network here): its loader and schema, its icon resolution and the file
 * matchers it packs and unpacks the asar with. These are app-builder-lib internals, pinned by the
 * lock file; if an upgrade moves them, these tests fail loudly instead of passing on a guess.
 */
export const root = fileURLToPath(new URL('../../', import.meta.url));

export async function loadBuilderConfig(): Promise<Configuration> {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, { isEnabled: false } as Parameters<typeof validateConfiguration>[1]);
  return config;
}

export const buildResourcesDir = (config: Configuration) => path.resolve(root, config.directories?.buildResources ?? 'build');

/** The icon file electron-builder packs for a platform, found as it finds it; null for its default Electron icon. */
export async function resolvedIcon(config: Configuration, platform: 'win' | 'linux'): Promise<string | null> {
  const own = config[platform]?.icon;
  // WinPackager asks for .ico from win.icon or icon; LinuxTargetHelper for a png set from linux.icon, then mac.icon or icon.
  const sources = platform === 'win' ? [own ?? config.icon] : [own, config.mac?.icon ?? config.icon];
  const format: IconFormat = platform === 'win' ? 'ico' : 'set';
  const result = await convertIcon({
    sources: sources.filter((s): s is string => !!s),
    fallbackSources: [],
    roots: [buildResourcesDir(config), root],
    format,
    // Only used if the icon had to be converted, which a correct configuration never needs.
    outDir: path.join(tmpdir(), `street-command-icon-${format}`),
  });
  return result.isFallback || result.icons.length === 0 ? null : result.icons.at(-1)!.file;
}

type Matcher = { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
type MainMatchers = (
  appDir: string,
  destination: string,
  macroExpander: (s: string) => string,
  options: PlatformSpecificBuildOptions,
  platformPackager: unknown,
  outDir: string,
  isElectronCompile: boolean,
) => Matcher[];
const { getMainFileMatchers, getFileMatchers } = fileMatcher as unknown as typeof fileMatcher & { getMainFileMatchers: MainMatchers };

const asFile = { isDirectory: () => false };
const same = (s: string) => s;

/** Whether electron-builder would copy a project file (relative path) into the app for this platform. */
export function packs(config: Configuration, platform: 'win' | 'linux', file: string): boolean {
  const info = { isPrepackedAppAsar: false, projectDir: root, buildResourcesDir: buildResourcesDir(config), config, debugLogger: { isEnabled: false } };
  const outDir = path.resolve(root, config.directories?.output ?? 'dist');
  const [main] = getMainFileMatchers(root, root, same, config[platform] ?? {}, { info }, outDir, false);
  return main!.createFilter()(path.join(root, file), asFile);
}

/** Whether a packed file (relative path) is stored beside app.asar instead of inside it. */
export function unpacks(config: Configuration, platform: 'win' | 'linux', file: string): boolean {
  const options = { macroExpander: same, customBuildOptions: config[platform] ?? {}, globalOutDir: path.resolve(root, 'dist'), defaultSrc: root };
  const [matcher] = getFileMatchers(config, 'asarUnpack', root, options) ?? [];
  return matcher ? matcher.createFilter()(path.join(root, file), asFile as never) : false;
}
