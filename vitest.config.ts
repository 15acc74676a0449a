import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { FullDemoLastSequencer } from './test/setup/sequencer';

const unitFiles = ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'test/integration/**/*.test.ts'];
// These replace the `electron` module with a fake whose state (handlers, windows) must
// start empty in each file, so they keep a fresh module graph per file.
const electronSeamFiles = ['electron/main/**/*.test.ts', 'test/integration/transports.test.ts'];

const unitOptions: NonNullable<TestProjectInlineConfiguration['test']> = {
  environment: 'node',
  // Sized for a run beside another run (the suite's own load test): the walk over the whole
  // contract and a backup's re-encryption took 30–35 s then, 5–7 s on a quiet machine.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // The demo offices are built once per run and copied (test/setup/demo-templates.ts);
  // passwords are hashed at a low cost in tests only (test/setup/fast-passwords.ts).
  globalSetup: ['test/setup/demo-templates.ts'],
  setupFiles: ['test/setup/fast-passwords.ts'],
  // Background work (an upload's parse, a scheduled backup) is polled for; on a loaded machine it takes seconds.
  expect: { poll: { timeout: 10_000 } },
};

// Two workers for the unit projects: the machines have two cores, and vitest's default
// (cores − 1) ran every file one after another.
export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: FullDemoLastSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: unitFiles,
          exclude: electronSeamFiles,
          ...unitOptions,
          // The core's files share one module graph per worker: loading the contract, zod and
          // the SQLite module again for each of 130 files cost a third of the unit run.
          // Nothing in the core keeps state between offices (each test opens its own).
          isolate: false,
        },
      },
      { test: { name: 'unit-electron', include: electronSeamFiles, ...unitOptions } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          // A file's set-up may wait for the run's full demo office, built in the background
          // (test/e2e/global-setup.ts): over two minutes beside another run.
          hookTimeout: 360_000,
          // What a user waits for (a demo reset, an automatic roster) can take seconds on an old PC.
          expect: { poll: { timeout: 10_000 } },
          // `npm test` runs these in a vitest process of their own beside the unit files' one
          // (test/tools/run-tests.mjs), two files at a time: they mostly wait on a server and a page.
        },
      },
    ],
  },
});
