import { useMemo, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { NotifierProvider, type Notifier } from './notify';

dayjs.locale('zh-cn');

/**
 * The component library's settings. Links, secondary and tertiary text are darker than antd's defaults
 * (0.45 / 0.25 black fail 4.5:1 contrast on white); the primary red keeps 5:1.
 */
const theme = {
  // antd's link blue (#1677ff) reaches only 4.1:1 on white; this one 7:1.
  token: { colorPrimary: '#a93226', colorLink: '#0b4fb3', colorTextSecondary: 'rgba(0, 0, 0, 0.65)', colorTextTertiary: 'rgba(0, 0, 0, 0.62)', colorTextDescription: 'rgba(0, 0, 0, 0.65)', colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)', controlHeight: 36 },
};

function AntdNotifier({ children }: { children: ReactNode }) {
  const { message } = AntApp.useApp();
  const notifier = useMemo<Notifier>(
    () => ({
      success: (text) => void message.success(text),
      error: (text) => void message.error({ content: text, className: 'jx-error-toast', duration: 6 }),
    }),
    [message],
  );
  return <NotifierProvider notifier={notifier}>{children}</NotifierProvider>;
}

/**
 * Everything below uses the component library (zh-CN locale, theme, message and modal context). Loaded
 * only with the pages that need it, so the craftsman's phone pages and the login page never download it.
 */
export default function AntdScope({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <AntdNotifier>{children}</AntdNotifier>
      </AntApp>
    </ConfigProvider>
  );
}
