import { describe, expect, it } from 'vitest';
import { dataOf, errorOf, openSignedIn } from '../../../test/helpers/temp-core';

type PersonRow = { id: number; name: string; kind: string; phone: string | null; idNumber: string | null; note: string | null; health: string };

describe('editing a person from the masked list', () => {
  it('keeps the stored phone and ID number when the form sends back their masks; other masked text is refused', async () => {
    const { core, call } = await openSignedIn({}, 'roster');
    const created = dataOf<{ id: number }>(
      await call('people.create', { name: '王建华', kind: 'volunteer', phone: '13812345678', idNumber: '11010519491231002X' }),
    );
    const row = dataOf<{ rows: PersonRow[] }>(await call('people.list', { q: '王建华' })).rows[0]!;
    expect(row).toMatchObject({ phone: '138****5678', idNumber: '1101**********002X' });

    // The form as prefilled from the list, with only 备注 and 健康 changed.
    const saved = dataOf<PersonRow>(await call('people.update', { ...row, note: '周末可值守', health: 'observe' }));
    expect(saved).toMatchObject({ note: '周末可值守', health: 'observe' });
    const stored = () => core.db.prepare('SELECT phone, id_number AS idNumber, note FROM people WHERE id = ?').get(created.id);
    expect(stored()).toEqual({ phone: '13812345678', idNumber: '11010519491231002X', note: '周末可值守' });

    const wrong = errorOf(await call('people.update', { ...row, phone: '139****5678' }));
    expect(wrong).toMatchObject({ code: 'VALIDATION', message: '手机号码是脱敏后的内容，请填写完整的手机号码' });
    expect(stored()).toMatchObject({ phone: '13812345678' });

    // A real new number replaces the stored one.
    dataOf(await call('people.update', { ...row, phone: '13900001111' }));
    expect(stored()).toMatchObject({ phone: '13900001111', idNumber: '11010519491231002X' });
    // A new person cannot be saved with a mask.
    expect(errorOf(await call('people.create', { name: '李四', kind: 'volunteer', phone: '138****5678' })).code).toBe('VALIDATION');
  });
});
