// The signed-in frame as the router loads it: pro-components' own texts (查询/重置/展开…) following the UI language,
// around the layout. Loaded lazily, so the public pages and the login page fetch no pro-components at all.
import { enUSIntl, ProConfigProvider, zhCNIntl } from '@ant-design/pro-components';
import { useLanguage } from './i18n.ts';
import { AppLayout } from './Layout.tsx';

export function OfficeLayout() {
  const { lang } = useLanguage();
  return (
    <ProConfigProvider intl={lang === 'zh-CN' ? zhCNIntl : enUSIntl}>
      <AppLayout />
    </ProConfigProvider>
  );
}
