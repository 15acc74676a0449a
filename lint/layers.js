// The declared layer order of electron/core, lowest first. A file may import from its own
// layer (siblings excepted) and from any layer below it, never from one above: that is
// what keeps the core drawable as a few floors instead of a tangle.
//
// Layers are lists of globs relative to the repository root. `ignores` takes a file out of a
// folder's layer when it is declared elsewhere (a kernel engine still living in a feature
// folder, a composition list still living in a low folder). Those are marked "pending move":
// the target layout is the layer list itself, the folders will follow.

import path from 'node:path';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const root = path.dirname(import.meta.dirname);
const core = (...globs) => globs.map((g) => `electron/core/${g}`);

/** @typedef {{ name: string, files: string[], ignores?: string[], siblings?: string[][] }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  {
    // Database, call(), sessions and audit, LAN device pairing, backups, the Excel engine, generic helpers.
    name: 'kernel',
    files: [...core('kernel/**', 'db/**', 'api/**', 'auth/**', 'lan/**', 'backup/**', 'excel/**')],
    // Composition lists and feature tables still living in low folders (pending move).
    ignores: core('db/migrations.ts', 'api/handlers.ts', 'excel/tables/**'),
  },
  {
    name: 'places',
    files: [
      ...core('places/**'),
      // The territory tables of the Excel import (pending move into places/).
      ...core('excel/tables/communities.ts', 'excel/tables/compounds.ts', 'excel/tables/checkpoints.ts'),
    ],
  },
  {
    // Three independent features: none imports another.
    name: 'features',
    files: core('supplies/**', 'volunteers/**', 'residents/**', 'excel/tables/roster.ts'),
    siblings: [core('supplies/**'), [...core('volunteers/**'), ...core('excel/tables/roster.ts')], core('residents/**')],
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
    // The composition root: the lists of all handlers, migrations, import tables, the demo
    // office, the core's start-up and its worker thread. Nothing below imports it.
    name: 'registry',
    files: [
      ...core('registry/**', 'core.ts', 'recovery-core.ts', 'recovery-flag.ts', 'worker/**', 'demo/**'),
      // Composition lists still living in low folders (pending move to registry/).
      ...core('api/handlers.ts', 'db/migrations.ts', 'excel/tables/index.ts'),
    ],
  },
];

const isFolderGlob = (g) => g.includes('*');
/** An exception glob for one file: import-x wants globs when `from` is a glob. */
export const fileGlob = (file) => `**/${file}`;

/**
 * The zones of import-x/no-restricted-paths for files of one layer: every file of a higher
 * layer (and of a sibling group other than the file's own) is off limits, except the single
 * files that are declared lower although they sit in a higher layer's folder.
 * @param {number} index the layer's position in LAYERS
 * @param {string[]} [siblingGroup] the group the linted files belong to, when the layer has siblings
 * @param {string[]} [allowed] extra files this block may import (a known-debt entry)
 */
export function layerZones(index, siblingGroup, allowed = []) {
  const layer = LAYERS[index];
  const above = LAYERS.slice(index + 1);
  const from = above.flatMap((l) => l.files);
  if (layer.siblings && siblingGroup) {
    for (const group of layer.siblings) if (group !== siblingGroup) from.push(...group);
  }
  const own = layer.siblings && siblingGroup ? siblingGroup : layer.files;
  const lower = [...LAYERS.slice(0, index).flatMap((l) => l.files), ...own].filter((g) => !isFolderGlob(g));
  const except = [...lower, ...allowed].map(fileGlob);
  const message =
    `Layer order (lint/layers.js): ${LAYERS.map((l) => l.name).join(' → ')}. ` +
    `A ${layer.name} file may not import from a higher layer${layer.siblings ? ' or a sibling feature' : ''}; ` +
    'move the shared code down, or pass it in from the registry.';
  // import-x wants `from` all globs or none: a single file becomes a glob matching just it.
  const fromGlobs = from.map((g) => (isFolderGlob(g) ? g : fileGlob(g)));
  // The top layer may import anything below it.
  if (fromGlobs.length === 0) return [];
  return [{ target: '**/*', from: [...new Set(fromGlobs)], except: [...new Set(except)], message }];
}

/**
 * One config block per layer (or sibling group), each with its own zones.
 * @param {import('./layer-debt.js').Debt[]} debt known violations, allowed per file
 * @param {object[]} commonZones zones every core file obeys too (a block's options replace earlier ones)
 */
export function layerBlocks(debt, commonZones) {
  const blocks = [];
  LAYERS.forEach((layer, index) => {
    const groups = layer.siblings ?? [layer.files];
    for (const group of groups) {
      blocks.push({
        name: `layers/${layer.name}`,
        files: group,
        ignores: [...(layer.ignores ?? []), '**/*.test.ts', '**/*.test.tsx'],
        rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones(index, layer.siblings ? group : undefined), ...commonZones] }] },
      });
    }
  });
  for (const d of debt) {
    const index = LAYERS.findIndex((l) => l.name === d.layer);
    if (index < 0) throw new Error(`lint/layer-debt.js: unknown layer ${d.layer} for ${d.file}`);
    const group = LAYERS[index].siblings?.find((g) => g.some((glob) => d.file.startsWith(glob.replace('/**', '/'))));
    blocks.push({
      name: `layers/debt/${d.file}`,
      files: [d.file],
      rules: {
        'import-x/no-restricted-paths': ['error', { zones: [...layerZones(index, group, d.imports), ...commonZones.map((z) => allowIn(z, d.imports))] }],
      },
    });
  }
  return blocks;
}

/** A folder zone with the debt's imports that fall inside its `from` folders let through. */
function allowIn(zone, imports) {
  const from = [zone.from].flat();
  const except = imports.flatMap((file) => from.filter((dir) => file.startsWith(`${dir}/`)).map((dir) => `./${file.slice(dir.length + 1)}`));
  return except.length ? { ...zone, except: [...(zone.except ?? []), ...except] } : zone;
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
 * electron/core, given the known debt. Tests beside the code are exempt: they may compose.
 * @param {import('./layer-debt.js').Debt[]} debt
 */
export function layerConfig(debt) {
  return [
    { name: 'layers/plugin', files: ['electron/core/**'], plugins: { 'import-x': importX }, settings: importSettings },
    ...layerBlocks(debt, [coreBelowTransports]).map(withBasePath),
  ];
}
