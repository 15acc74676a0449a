import { describe, expect, it } from 'vitest';
import { checkIdNumber, checkPhone, cleanTypedText, normalizeHeader, parseDate, parseNumber, toHalfWidth } from './values';

describe('ID numbers (GB 11643)', () => {
  it('accepts valid numbers, upper-cases a trailing x and reads birth date and gender', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X', birth: '1949-12-31', gender: 'female' });
    expect(checkIdNumber(' 440524188001010014 ')).toMatchObject({ ok: true, gender: 'male' });
  });
  it('rejects a wrong check digit, an impossible birth date and a wrong length, in Chinese', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({ ok: false, reason: expect.stringContaining('校验位') });
    expect(checkIdNumber('110105194902300026')).toMatchObject({ ok: false, reason: expect.stringContaining('出生日期') });
    expect(checkIdNumber('11010519491231002')).toMatchObject({ ok: false, reason: expect.stringContaining('18 位') });
  });
  it('reports numbers Excel has damaged instead of importing them', () => {
    expect(checkIdNumber(410102199003071000)).toMatchObject({ ok: false, reason: expect.stringContaining('存成了数字') });
    expect(checkIdNumber('4.10102E+17')).toMatchObject({ ok: false, reason: expect.stringContaining('科学计数法') });
    expect(checkIdNumber('410102199003071000')).toMatchObject({ ok: false, reason: expect.stringContaining('000') });
  });
});

describe('phones, dates, numbers, headers', () => {
  it('phones: mobile, landline with area code, and a landline without one', () => {
    expect(checkPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('+86 13812345678')).toEqual({ ok: true, value: '13812345678' });
    expect(checkPhone('03703126688')).toEqual({ ok: true, value: '0370-3126688' });
    expect(checkPhone('3126688')).toMatchObject({ ok: false, reason: expect.stringContaining('区号') });
  });
  it('dates in every form offices use', () => {
    for (const v of [44836, '2022-10-02', '2022/10/2', '2022.10.2', '2022年10月2日', '20221002', '２０２２－１０－０２']) {
      expect(parseDate(v), String(v)).toEqual({ ok: true, value: '2022-10-02' });
    }
    expect(parseDate('2022-02-30')).toMatchObject({ ok: false });
    expect(parseDate('十月二日')).toMatchObject({ ok: false });
  });
  it('the eight ways one date is typed; an impossible date stays an error', () => {
    const now = new Date('2022-03-01T00:00:00Z');
    for (const v of ['2022-01-05', '2022/1/5', '2022年1月5日', '22/1/5', '44566', '2022-01-05 08:30', '2022/1/5 星期三', '2022/1/5 8:30:00']) {
      expect(parseDate(v, now), v).toEqual({ ok: true, value: '2022-01-05' });
    }
    expect(parseDate('1月5日', now)).toEqual({ ok: true, value: '2022-01-05', note: '没有写年份，已按 2022 年计' });
    expect(parseDate('2022年13月45日', now)).toEqual({ ok: false, reason: '日期不存在（请核对年月日）' });
    expect(parseDate('2022/1/5 星期四', now)).toEqual({ ok: false, reason: '日期与星期不符：2022-01-05 是星期三' });
    expect(parseDate('85/3/4', now)).toEqual({ ok: true, value: '1985-03-04' });
  });
  it('free text keeps Chinese punctuation but not full-width letters, digits or spaces', () => {
    expect(cleanTypedText('　惠民超市（２店）  Ａ座 ')).toBe('惠民超市（2店） A座');
  });
  it('a first-generation 15-digit ID is converted to 18 digits and says so', () => {
    // 15-digit 110105491231002 → 11010519491231002X (the check digit computed by GB 11643).
    expect(checkIdNumber('110105491231002')).toEqual({
      ok: true,
      value: '11010519491231002X',
      birth: '1949-12-31',
      gender: 'female',
      note: '是 15 位一代身份证号，已按国家标准转换为 18 位',
    });
    expect(checkIdNumber(110105491231002)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('110105491331002')).toEqual({ ok: false, reason: '15 位一代身份证号中的出生日期无效' });
  });
  it('numbers stored as text, with full-width digits or separators', () => {
    expect(parseNumber('１，２３４')).toEqual({ ok: true, value: 1234 });
    expect(parseNumber(' 56 ')).toEqual({ ok: true, value: 56 });
    expect(parseNumber('约50')).toMatchObject({ ok: false });
  });
  it('headers compare without spaces, brackets and full-width forms', () => {
    expect(normalizeHeader(' 身份证号（必填）* ')).toBe('身份证号');
    expect(normalizeHeader('人口（人）')).toBe('人口');
    expect(normalizeHeader('（备注）')).toBe('备注');
    expect(normalizeHeader('小区 名称')).toBe(normalizeHeader('小区名称'));
    expect(toHalfWidth('ＡＢＣ１２３')).toBe('ABC123');
  });
});
