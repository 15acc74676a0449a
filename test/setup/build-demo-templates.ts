import { setTestPasswordCost } from '../../electron/core/auth/password';
import { ensureTemplate } from '../helpers/demo-template-build';
import { TEST_PASSWORD } from '../helpers/sessions';

// Started by demo-templates.ts at the beginning of a run: the templates most files use are
// ready by the time a test asks, instead of the first asker paying for them inside its timeout.
setTestPasswordCost({ N: 1024, r: 8, p: 1 });
const root = process.argv[2]!;
await ensureTemplate(root, 'demo', TEST_PASSWORD);
await ensureTemplate(root, 'demo-residents', TEST_PASSWORD);
