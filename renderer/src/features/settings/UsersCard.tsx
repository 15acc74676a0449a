import { App, Button, Card, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import { Password, type UserRow } from '../../../../shared/api/auth';
import { ROLE_LABELS, ROLES } from '../../../../shared/domain/roles';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues, zodRule } from '../../lib/zodRule';
import { FormModal } from '../../lib/FormModal';

type Editing = { row: UserRow | null } | null;

/** 用户与权限: create users (who change the password at first sign-in), roles, scope, disable, reset. */
export function UsersCard() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing>(null);
  const [resetting, setResetting] = useState<UserRow | null>(null);
  const [form] = Form.useForm();
  const [pwForm] = Form.useForm();
  const users = useLoad(() => call('users.list', { pageSize: 200 }), []);
  const communities = useLoad(() => call('communities.list', { pageSize: 500, sort: 'name' }), []);
  const communityOptions = (communities.data?.rows ?? []).map((c) => ({ value: c.id, label: c.name }));

  const open = (row: UserRow | null) => {
    form.resetFields();
    form.setFieldsValue(row ?? { role: 'command', scopeAll: true, communityIds: [] });
    setEditing({ row });
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    try {
      if (editing.row) await call('users.update', { ...v, id: editing.row.id });
      else await call('users.create', v);
      message.success('已保存');
      setEditing(null);
      users.reload();
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  const resetPassword = async () => {
    const v = await pwForm.validateFields().catch(() => null);
    if (!v || !resetting) return;
    try {
      await call('users.resetPassword', { id: resetting.id, password: v.password });
      message.success('密码已重置，该用户下次登录时须修改密码');
      setResetting(null);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const scopeAll = Form.useWatch('scopeAll', form);
  return (
    <Card
      title="用户与权限"
      size="small"
      extra={
        <Button type="primary" onClick={() => open(null)}>
          新建用户
        </Button>
      }
    >
      <Table<UserRow>
        rowKey="id"
        size="small"
        loading={users.loading}
        dataSource={users.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: UserRow['role']) => ROLE_LABELS[r] },
          {
            title: '范围',
            render: (_, u) => (u.scopeAll ? '全街道' : u.communityIds.map((id) => communityOptions.find((c) => c.value === id)?.label ?? id).join('、')),
          },
          {
            title: '状态',
            render: (_, u) => (u.disabled ? <Tag>已停用</Tag> : u.mustChangePassword ? <Tag color="gold">待改密码</Tag> : <Tag color="green">正常</Tag>),
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space size="small">
                <Button type="link" size="small" onClick={() => open(u)}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => (pwForm.resetFields(), setResetting(u))}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <FormModal
        form={form}
        open={!!editing}
        title={editing?.row ? '编辑用户' : '新建用户'}
        okText="保存"
        cancelText="取消"
        onOk={save}
        onCancel={() => setEditing(null)}
        forceRender
      >
        <Form form={form} layout="vertical">
          {!editing?.row && (
            <>
              <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="password" label="初始密码（首次登录须修改）" rules={[zodRule(Password)]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label="手机号">
            <Input />
          </Form.Item>
          <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          </Form.Item>
          <Form.Item name="scopeAll" label="数据范围：全街道" valuePropName="checked">
            <Switch />
          </Form.Item>
          {scopeAll === false && (
            <Form.Item name="communityIds" label="负责的社区" rules={[{ required: true, message: '请选择该用户负责的社区' }]}>
              <Select mode="multiple" options={communityOptions} optionFilterProp="label" />
            </Form.Item>
          )}
          {editing?.row && (
            <Form.Item name="disabled" label="停用" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </FormModal>
      <FormModal
        form={pwForm}
        open={!!resetting}
        title={`重置 ${resetting?.displayName ?? ''} 的密码`}
        okText="重置"
        cancelText="取消"
        onOk={resetPassword}
        onCancel={() => setResetting(null)}
        forceRender
      >
        <Form form={pwForm} layout="vertical">
          <Form.Item name="password" label="新的临时密码" rules={[zodRule(Password)]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </FormModal>
    </Card>
  );
}
