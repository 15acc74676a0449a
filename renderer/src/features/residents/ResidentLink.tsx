import { App, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';

type KeyPersonRow = Output<'keyPersons.list'>['rows'][number];
type Opt = { value: number; label: string };

/**
 * 关联居民档案: the key person's record in the register, picked among the residents of their
 * compound by name, pinyin initials or the last digits of the ID number (shown masked).
 */
export function ResidentLinkModal({ row, onClose }: { row: KeyPersonRow | null; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const [options, setOptions] = useState<Opt[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  const search = (q: string) =>
    row &&
    call('residents.list', { q: q.trim() || undefined, pageSize: 30, ...(row.compoundId ? { compoundId: row.compoundId } : {}) }).then((r) =>
      setOptions(
        r.rows.map((x) => ({
          value: x.id,
          label: `${x.name}（${x.idNumber}，${[x.compoundName, x.building && `${x.building}号楼`, x.unit && `${x.unit}单元`, x.room].filter(Boolean).join(' ')}）`,
        })),
      ),
    );
  useEffect(() => {
    setPicked(row?.residentId ?? null);
    if (row) void search(row.name);
  }, [row]); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async (residentId: number | null) => {
    if (!row) return;
    try {
      await call('keyPersons.link', { id: row.id, residentId });
      message.success(residentId ? '已关联居民档案' : '已取消关联');
      onClose(true);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Modal
      open={!!row}
      title={`${row?.name ?? ''} 关联居民档案`}
      okText="关联"
      cancelText="取消"
      okButtonProps={{ disabled: !picked }}
      onOk={() => save(picked)}
      onCancel={() => onClose(false)}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {row?.residentId && <a onClick={() => save(null)}>取消关联</a>} <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      <p>{row?.compoundName ? `从${row.compoundName}的居民中选择：` : '从本社区的居民中选择：'}</p>
      <Select
        showSearch={{ filterOption: false, onSearch: search }}
        options={options}
        value={picked ?? undefined}
        onChange={setPicked}
        placeholder="姓名、拼音首字母或身份证号后几位"
        style={{ width: '100%' }}
        aria-label="居民"
      />
    </Modal>
  );
}
