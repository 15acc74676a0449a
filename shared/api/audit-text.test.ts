import { describe, expect, it } from 'vitest';
import { describeDetail, describeMethod } from './audit-text';

describe('the audit log in words', () => {
  it('names a method by its Chinese summary, and a change as 字段：前 → 后', () => {
    expect(describeMethod('checkpoints.move')).toMatch(/[\u4e00-\u9fa5]/);
    expect(describeMethod('checkpoints.move')).not.toContain('checkpoints');
    expect(describeMethod('no.such')).toBe('no.such');
    expect(describeDetail(JSON.stringify({ status: { before: 'active', after: 'paused' }, staffPerShift: { before: 2, after: 3 } }))).toBe(
      '状态：active → paused；每班人数：2 → 3',
    );
    expect(describeDetail(JSON.stringify({ table: '居民名单', created: 12, communities: ['建设路社区', '新华社区'] }))).toBe(
      '数据表：居民名单；新增：12；涉及社区：建设路社区、新华社区',
    );
    expect(describeDetail(JSON.stringify({ reason: '流调', note: null }))).toBe('原因：流调；备注：（空）');
    expect(describeDetail('not json')).toBe('not json');
    expect(describeDetail(null)).toBe('');
  });
});
