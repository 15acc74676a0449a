import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests (real SQLite files in temp dirs) and the
// browser e2e suite, which drives Debian's Chromium against `npm run serve`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // The demo offices are built once per run and copied (test/setup/demo-templates.ts);
          // passwords are hashed at a low cost in tests only (test/setup/fast-passwords.ts).
          globalSetup: ['test/setup/demo-templates.ts'],
          setupFiles: ['test/setup/fast-passwords.ts'],
          // Background work (an upload's parse, a scheduled backup) is polled for; on a loaded machine it takes seconds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          // What a user waits for (a demo reset, an automatic roster) can take seconds on an old PC.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
