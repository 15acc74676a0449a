import './lib/legacy-polyfills';
import { StyleProvider } from '@ant-design/cssinjs';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { preloadPage } from './features/shell/pages';
import { AuthGate } from './features/auth/AuthGate';
import './styles.css';

dayjs.locale('zh-cn');
preloadPage(location.hash);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Without :where() selectors, which Chromium before 88 (older 360 / QQ browser cores) drops whole. */}
    <StyleProvider hashPriority="high">
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
        <AntApp>
          <AuthGate>
            <App />
          </AuthGate>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  </StrictMode>,
);
