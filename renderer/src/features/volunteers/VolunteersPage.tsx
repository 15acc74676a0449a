import { App, Button, Input, List, Modal, Select, Spin, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { EntityTab } from '../places/EntityTab';
import { peopleConfig, postsConfig, teamsConfig } from './registers';
import { RosterTab } from './RosterTab';

/** 志愿者与排班: the roster first (what the organiser opens every day), then the registers behind it. */
export function VolunteersPage() {
  const { can } = useSession();
  const write = can('roster:write');
  const [version, setVersion] = useState(0);
  const refs = useLoad(async () => {
    const [communities, compounds, teams, kinds, people] = await Promise.all([
      call('communities.list', { pageSize: 500, sort: 'name' }),
      call('compounds.list', { pageSize: 500, sort: 'name' }),
      call('teams.list', { pageSize: 500 }),
      call('postKinds.list', {}),
      call('people.list', { pageSize: 500, sort: 'name' }),
    ]);
    return {
      communities: communities.rows.map((r) => ({ value: r.id, label: r.name })),
      compounds: compounds.rows.map((r) => ({ value: r.id, label: `${r.name}（${r.communityName}）` })),
      teams: teams.rows.map((r) => ({ value: r.id, label: r.name })),
      kinds: kinds.map((k) => ({ value: k.id, label: k.name })),
      people: people.rows.map((r) => ({ value: r.id, label: r.name })),
    };
  }, [version]);
  const configs = useMemo(
    () => (refs.data ? { people: peopleConfig(refs.data, write), teams: teamsConfig(refs.data), posts: postsConfig(refs.data) } : null),
    [refs.data, write],
  );
  const changed = () => setVersion((v) => v + 1);
  if (!refs.data || !configs) return <Spin />;
  return (
    <Tabs
      destroyOnHidden
      defaultActiveKey={hashParams().get('tab') ?? undefined}
      items={[
        { key: 'roster', label: '排班', children: <RosterTab canWrite={write} refs={refs.data} /> },
        {
          key: 'people',
          label: '人员',
          children: <EntityTab config={configs.people} onChanged={changed} canWrite={write} canReveal={can('personal:unmask')} />,
        },
        {
          key: 'teams',
          label: '队伍',
          children: (
            <>
              <EntityTab config={configs.teams} onChanged={changed} canWrite={write} />
              {write && <TeamMembers teams={refs.data.teams} onChanged={changed} />}
            </>
          ),
        },
        {
          key: 'posts',
          label: '岗位',
          children: (
            <>
              <EntityTab config={configs.posts} onChanged={changed} canWrite={write} />
              {write && <PostKinds onChanged={changed} />}
            </>
          ),
        },
      ]}
    />
  );
}

/** 队伍成员: pick a team, add or remove people by name. */
function TeamMembers({ teams, onChanged }: { teams: { value: number; label: string }[]; onChanged: () => void }) {
  const { message } = App.useApp();
  const [team, setTeam] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const members = useLoad(() => (team ? call('teams.members', { id: team }) : Promise.resolve([])), [team, open]);
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const save = async (ids: number[]) => {
    try {
      await call('teams.setMembers', { id: team!, personIds: ids });
      members.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div className="toolbar" style={{ marginTop: 12 }}>
      <Select
        placeholder="选择队伍管理成员"
        style={{ width: 260 }}
        options={teams}
        value={team}
        onChange={(v) => (setTeam(v), setOpen(true))}
        showSearch={{ optionFilterProp: 'label' }}
      />
      <Modal
        open={open && team !== null}
        title={`${teams.find((t) => t.value === team)?.label ?? ''}成员`}
        footer={null}
        onCancel={() => setOpen(false)}
        width={520}
      >
        <Select
          showSearch={{
            filterOption: false,
            onSearch: (q) =>
              call('people.list', { q, pageSize: 20 }).then((r) =>
                setOptions(r.rows.map((p) => ({ value: p.id, label: `${p.name}（${p.communityName ?? '—'}）` }))),
              ),
          }}
          placeholder="输入姓名添加成员"
          style={{ width: '100%', marginBottom: 12 }}
          options={options}
          value={null}
          onChange={(id: number) => save([...(members.data ?? []).map((m) => m.id), id])}
        />
        <List
          size="small"
          dataSource={members.data ?? []}
          style={{ maxHeight: 360, overflow: 'auto' }}
          renderItem={(m) => (
            <List.Item
              actions={[
                <Button key="x" type="link" danger size="small" onClick={() => save((members.data ?? []).filter((x) => x.id !== m.id).map((x) => x.id))}>
                  移出
                </Button>,
              ]}
            >
              {m.name}
            </List.Item>
          )}
        />
      </Modal>
    </div>
  );
}

/** 岗位类型: the seven kinds from seed 001, renamable, and more can be added. */
function PostKinds({ onChanged }: { onChanged: () => void }) {
  const { message } = App.useApp();
  const kinds = useLoad(() => call('postKinds.list', {}), []);
  const [name, setName] = useState('');
  const run = async (what: () => Promise<unknown>) => {
    try {
      await what();
      kinds.reload();
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div style={{ marginTop: 16 }}>
      <div className="toolbar">
        <b>岗位类型：</b>
        {(kinds.data ?? []).map((k) => (
          <span key={k.id}>
            {k.name}（{k.posts}）
            {k.posts === 0 && k.code !== 'duty' && (
              <Button type="link" size="small" danger onClick={() => run(() => call('postKinds.delete', { id: k.id }))}>
                删除
              </Button>
            )}
          </span>
        ))}
        <Input placeholder="新岗位类型" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 140 }} maxLength={10} />
        <Button onClick={() => run(() => call('postKinds.create', { name }).then(() => setName('')))} disabled={!name.trim()}>
          添加
        </Button>
      </div>
    </div>
  );
}
