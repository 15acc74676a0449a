import { Grid, Layout, Menu, Space, Spin, Typography } from 'antd';
import { Suspense, useState } from 'react';
import { call } from './api/client';
import { useSession } from './features/auth/me';
import { UserMenu } from './features/auth/UserMenu';
import { NotBuilt } from './features/shell/NotBuilt';
import { PAGES, PrintRoute } from './features/shell/pages';
import { SECTIONS } from './features/shell/sections';
import { useDataEpoch } from './lib/dataReplaced';
import { useHashRoute } from './lib/useHashRoute';
import { useLoad } from './lib/useLoad';

export function App() {
  const [route, go, query] = useHashRoute('overview');
  const epoch = useDataEpoch();
  const office = useLoad(() => call('office.get', {}), [route, epoch]);
  const { can } = useSession();
  // On a phone (督查 on the office Wi-Fi) the menu folds away entirely.
  const wide = Grid.useBreakpoint().md !== false;
  // Controlled so that, on a phone, choosing a page folds the menu away again.
  const [collapsed, setCollapsed] = useState(!wide);
  const choose = (key: string) => {
    go(key);
    if (!wide) setCollapsed(true);
  };
  const sections = SECTIONS.filter((s) => !s.perm || [s.perm].flat().some((p) => can(p)));
  const section = sections.find((s) => s.key === route) ?? sections[0]!;
  const page = PAGES[section.key];
  if (route.startsWith('print/')) {
    return (
      <Suspense fallback={<Spin />}>
        <PrintRoute key={route} path={route} />
      </Suspense>
    );
  }
  return (
    <Layout style={{ minHeight: '100vh' }} className={wide ? 'app-shell' : 'app-shell app-narrow'}>
      <Layout.Sider
        width={196}
        theme="dark"
        breakpoint="lg"
        collapsedWidth={wide ? 64 : 0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        data-testid="app-menu"
      >
        <div className="brand">街道防控指挥台</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[section.key]}
          items={sections.map((s) => ({ key: s.key, icon: s.icon, label: s.label }))}
          onClick={({ key }) => choose(key)}
        />
      </Layout.Sider>
      {/* On a phone the open menu lies over the page; a tap beside it folds it away. */}
      {!wide && !collapsed && <div className="menu-backdrop" onClick={() => setCollapsed(true)} />}
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Title level={4} className="page-title" data-testid="page-title" style={{ margin: 0 }}>
            {section.label}
          </Typography.Title>
          <Space size="large">
            <Typography.Text type="secondary" data-testid="office-name" className="office-name">
              {office.data?.name ?? ''}
            </Typography.Text>
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content" key={`${epoch}:${route}?${query}`}>
          <Suspense fallback={<Spin />}>{page ? page() : <NotBuilt title={section.label} />}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
