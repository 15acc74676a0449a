import { z } from 'zod';

// Every transport validates with the same schemas; default messages should be Chinese too.
z.config(z.locales.zhCN());
