// The providers around every page: query cache, antd locale and theme (following the UI language), the router.
// No pro-components here: the public pages do without them (OfficeLayout.tsx brings their provider).
import { useState } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES builds: the CommonJS 'antd/locale/*' entries reach the bundle as { default } and antd falls back to English.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from './api.ts';
import { useLanguage } from './i18n.ts';
import { createRouter } from './router.tsx';
import { sessionKeys } from './session.ts';

function makeQueryClient(): QueryClient {
  // A 401 anywhere means the session ended: forget the user so the guards send them to /login.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED') {
      client.setQueryData(sessionKeys.me, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [router] = useState(createRouter);
  const { lang } = useLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={lang === 'zh-CN' ? zhCN : enUS}
        theme={{ token: { colorPrimary: '#1d39c4', borderRadius: 6 } }}
        // keep button texts exactly as written (antd would show 登录 as "登 录")
        button={{ autoInsertSpace: false }}
      >
        {/* pro-components' own texts follow the language in the signed-in frame (OfficeLayout.tsx) */}
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
