// Known debt: imports that break the layer order today (issue #17). Each entry allows
// exactly these imports in exactly this file, so any NEW violation fails lint. Remove an
// entry when its code moves; test/integration/lint-layers.test.ts fails when an entry is no
// longer needed, so the list can only shrink.

/** @typedef {{ layer: string, file: string, imports: string[], why: string }} Debt */

const core = (p) => `electron/core/${p}`;

/** @type {Debt[]} */
export const LAYER_DEBT = [
  // The composition lists sit in low folders: they belong in core/registry/.
  { layer: 'kernel', file: core('api/call.ts'), imports: [core('api/handlers.ts')], why: 'call() reads the handler list instead of being given it' },
  { layer: 'kernel', file: core('db/migrate.ts'), imports: [core('db/migrations.ts')], why: 'latestVersion() defaults to the shipped list' },
  { layer: 'kernel', file: core('db/open.ts'), imports: [core('db/migrations.ts')], why: 'openDatabase() defaults to the shipped list' },
  { layer: 'kernel', file: core('backup/inspect.ts'), imports: [core('db/migrations.ts')], why: 'a restore checks the backup against the shipped version' },
  { layer: 'kernel', file: core('backup/schema-check.ts'), imports: [core('db/migrations.ts')], why: 'a restore compares the backup with the shipped schema' },
  {
    layer: 'kernel',
    file: core('excel/service.ts'),
    imports: [
      core('excel/tables/index.ts'),
      core('places/checkpoints.ts'),
      core('places/communities.ts'),
      core('places/compounds.ts'),
      core('places/grids.ts'),
      core('volunteers/registers.ts'),
    ],
    why: "the engine's service also serves the places' and volunteers' exports; those belong in the features",
  },
  // The kernel's call types know one aggregator's type.
  { layer: 'kernel', file: core('api/types.ts'), imports: [core('map/packs.ts')], why: 'Ctx carries the map tile packs' },
  // The core reaches into the LAN server for the built renderer's folder.
  { layer: 'kernel', file: core('backup/recovery.ts'), imports: ['electron/server/static.ts'], why: 'the recovery page is served from the built renderer' },
  { layer: 'kernel', file: core('backup/service.ts'), imports: ['electron/server/static.ts'], why: 'the restore page is served from the built renderer' },
  // Features that read each other.
  {
    layer: 'features',
    file: core('residents/key-persons.ts'),
    imports: [core('inspections/disinfection.ts')],
    why: "a key person's home disinfection is read from inspections",
  },
];
