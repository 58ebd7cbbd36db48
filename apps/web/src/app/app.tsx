import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { ResultsPage } from '../features/results/results-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { ApiError } from '../lib/api.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AppLayout } from './layout.tsx';
import { useRoute } from './router.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Published results change rarely; do not refetch on every focus.
      staleTime: 5 * 60 * 1000,
      refetchOnWindowFocus: false,
      // A 4xx (unknown cycle, forbidden) will not heal by retrying; a network blip may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

function Routed() {
  const { lang } = useI18n();
  const route = useRoute();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <AppLayout>
          {route.name === 'results' ? <ResultsPage cycleId={route.cycleId} /> : <NotFoundPage />}
        </AppLayout>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Routed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
