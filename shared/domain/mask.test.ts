import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPersonal, maskPhone } from './mask';

describe('masking personal data', () => {
  it('masks names, mobiles, landlines and ID numbers as the office expects', () => {
    expect(maskName('张三伟')).toBe('张*伟');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李四')).toBe('李*');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0370-3126688')).toBe('0370-***6688');
    expect(maskIdNumber('41140219900101100X')).toBe('4114**********100X');
  });

  it('masks personal fields at any depth and leaves the rest alone', () => {
    expect(maskPersonal({ rows: [{ name: '建设路社区', secretary: '王建国', phone: '13912345678' }], total: 1 })).toEqual({
      rows: [{ name: '建设路社区', secretary: '王*国', phone: '139****5678' }],
      total: 1,
    });
  });
});
