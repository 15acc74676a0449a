// The declared layer order of electron/core, lowest first. A file may import from its own
// layer (siblings excepted) and from any layer below it, never from one above: that is
// what keeps the core drawable as a few floors instead of a tangle. Each layer is a list
// of folders (globs relative to the repository root); a folder belongs to one layer only.

import path from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const root = path.dirname(import.meta.dirname);
const core = (...globs) => globs.map((g) => `electron/core/${g}`);

/** @typedef {{ name: string, files: string[], siblings?: string[][] }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  {
    // Generic engines (entity rows, search keys, safe paths), the database, call(), sessions
    // and audit, LAN device pairing, backups, the Excel engine. Lists of features are given to it.
    name: 'kernel',
    files: core('kernel/**', 'db/**', 'api/**', 'auth/**', 'lan/**', 'backup/**', 'excel/**'),
  },
  {
    // The territory: communities, grids, compounds, checkpoints, their Excel tables and exports, the demo territory.
    name: 'places',
    files: core('places/**'),
  },
  {
    // Three independent features: none imports another.
    name: 'features',
    files: core('supplies/**', 'volunteers/**', 'residents/**'),
    siblings: [core('supplies/**'), core('volunteers/**'), core('residents/**')],
  },
  {
    name: 'inspections',
    files: core('inspections/**'),
  },
  {
    // Read-only aggregators over the features below; independent of each other.
    name: 'aggregators',
    files: core('briefing/**', 'map/**', 'office/**'),
    siblings: [core('briefing/**'), core('map/**'), core('office/**')],
  },
  {
    // The composition root (registry/): the lists of all handlers, migrations and import tables,
    // the demo office, the core's start-up (core.ts, recovery-core.ts); and the worker thread
    // the core runs in. Nothing below imports it.
    name: 'registry',
    files: core('registry/**', 'worker/**'),
  },
];

/**
 * The zones of import-x/no-restricted-paths for files of one layer: every file of a higher
 * layer, and of a sibling group other than the file's own, is off limits.
 * @param {number} index the layer's position in LAYERS
 * @param {string[]} [siblingGroup] the group the linted files belong to, when the layer has siblings
 */
export function layerZones(index, siblingGroup) {
  const layer = LAYERS[index];
  const from = LAYERS.slice(index + 1).flatMap((l) => l.files);
  if (layer.siblings && siblingGroup) {
    for (const group of layer.siblings) if (group !== siblingGroup) from.push(...group);
  }
  // The top layer may import anything below it.
  if (from.length === 0) return [];
  const message =
    `Layer order (lint/layers.js): ${LAYERS.map((l) => l.name).join(' → ')}. ` +
    `A ${layer.name} file may not import from a higher layer${layer.siblings ? ' or a sibling feature' : ''}; ` +
    'move the shared code down, or pass it in from the registry.';
  return [{ target: '**/*', from: [...new Set(from)], message }];
}

/**
 * One config block per layer (or sibling group), each with its own zones.
 * @param {object[]} commonZones zones every core file obeys too (a block's options replace earlier ones)
 */
export function layerBlocks(commonZones) {
  return LAYERS.flatMap((layer, index) =>
    (layer.siblings ?? [layer.files]).map((group) => ({
      name: `layers/${layer.name}`,
      files: group,
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones(index, layer.siblings ? group : undefined), ...commonZones] }] },
    })),
  );
}

/** Settings every block using import-x needs: TypeScript files imported without extension. */
export const importSettings = {
  'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
  'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
};

export const coreBelowTransports = {
  target: 'electron/core',
  from: ['electron/main', 'electron/preload', 'electron/server', 'renderer'],
  message: 'The core is called by the transports, never the other way.',
};

/** Adds the repository root as basePath to a block's import-x/no-restricted-paths options. */
export const withBasePath = (block) => {
  const [level, options] = block.rules['import-x/no-restricted-paths'];
  return { ...block, rules: { 'import-x/no-restricted-paths': [level, { ...options, basePath: root }] } };
};

/**
 * The flat-config blocks enforcing the layer order (and the core-below-transports rule) on
 * electron/core. Tests beside the code are exempt: they may compose.
 */
export function layerConfig() {
  return [
    { name: 'layers/plugin', files: ['electron/core/**'], plugins: { 'import-x': importX }, settings: importSettings },
    ...layerBlocks([coreBelowTransports]).map(withBasePath),
  ];
}
