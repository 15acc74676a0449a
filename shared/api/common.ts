import { z } from 'zod';

/** Building blocks shared by the feature contracts, with Chinese messages. */

export const Id = z.number({ error: '编号无效' }).int('编号无效').positive('编号无效');

export const name = (what: string, max = 60) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`);

export const optionalText = (what: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${what}不能超过 ${max} 个字`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Mainland mobile (11 digits) or landline with area code, e.g. 0370-1234567. */
export const phone = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v.replace(/\s/g, '') : null))
  .refine((v) => v === null || /^1[3-9]\d{9}$/.test(v) || /^0\d{2,3}-?\d{7,8}$/.test(v), {
    message: '电话号码格式不正确（手机 11 位，座机需带区号）',
  });

export const count = (what: string) =>
  z
    .number({ error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(0, `${what}不能为负数`)
    .max(10_000_000, `${what}数值过大`);

/** WGS-84 longitude/latitude; China's extent with margin, so a swapped pair is caught. */
export const lng = z.number({ error: '经度必须是数字' }).min(73, '经度超出中国范围').max(136, '经度超出中国范围');
export const lat = z.number({ error: '纬度必须是数字' }).min(3, '纬度超出中国范围').max(54, '纬度超出中国范围');

export const ListQuery = z.object({
  q: z.string().trim().max(50, '搜索词过长').optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500, '每页最多 500 条').default(20),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const listResult = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });

export const Timestamps = { createdAt: z.string(), updatedAt: z.string() };

/** A calendar day as the forms and imports send it. */
export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const DeleteInput = z.object({ id: Id });
export const Ok = z.object({ ok: z.literal(true) });

/** Why a user asks to see personal data unmasked; logged with the row count. */
export const REVEAL_REASONS = ['流调', '核酸组织', '物资配送', '其他'] as const;
export const Reveal = z
  .object({
    reason: z.enum(REVEAL_REASONS, { error: '请选择查看完整信息的原因' }),
    note: z.string().trim().max(100).optional(),
  })
  .refine((r) => r.reason !== '其他' || !!r.note, { message: '选择“其他”时请填写具体原因', path: ['note'] });
