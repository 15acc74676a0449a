import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors';

/**
 * An antd rule that runs the contract's own zod schema for one field, so the form
 * shows exactly the message the core would return.
 */
export function zodRule(schema: z.ZodType): FormRule {
  return {
    validator: async (_rule, value) => {
      const result = schema.safeParse(value === '' ? undefined : value);
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** Puts a server VALIDATION error's field messages onto the form. Returns true if any matched. */
export function showFieldIssues(form: FormInstance, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.issues?.length) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fields = err.issues.filter((i) => known.has(i.path)).map((i) => ({ name: i.path, errors: [i.message] }));
  form.setFields(fields);
  return fields.length > 0;
}
