import { setTestPasswordCost } from '../../electron/core/auth/password';

// Every test file: scrypt at N=1024 instead of 16384. Hashes carry their own cost, so
// verification is the same code; auth.test.ts checks the production cost separately.
setTestPasswordCost({ N: 1024, r: 8, p: 1 });
