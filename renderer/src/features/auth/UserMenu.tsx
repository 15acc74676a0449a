import { DownOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Modal, Space } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSession } from './me';

export function UserMenu() {
  const { me, signOut, lock } = useSession();
  const [changing, setChanging] = useState(false);
  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'password', label: '修改密码' },
            { key: 'lock', label: '锁定屏幕' },
            { type: 'divider' },
            { key: 'logout', label: '退出登录' },
            { key: 'logoutAll', label: '退出所有设备' },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            if (key === 'lock') lock();
            if (key === 'logout') void signOut(false);
            if (key === 'logoutAll') void signOut(true);
          },
        }}
      >
        <Button type="text" data-testid="user-menu">
          <Space>
            <UserOutlined />
            {me.displayName}
            <span className="role-tag">{ROLE_LABELS[me.role]}</span>
            <DownOutlined />
          </Space>
        </Button>
      </Dropdown>
      <Modal open={changing} title="修改密码" footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Modal>
    </>
  );
}
