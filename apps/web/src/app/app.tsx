import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { DashboardPage } from '../features/dashboard/dashboard-page.tsx';
import { AnnouncementsPage } from '../features/portal/announcements.tsx';
import { PortalPage } from '../features/portal/portal-page.tsx';
import { RubricPage } from '../features/portal/rubric-page.tsx';
import { ScorecardPage } from '../features/scorecard/scorecard-page.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { LoginPage } from '../features/work/login-page.tsx';
import { WorkPage } from '../features/work/work-page.tsx';
import { SurveyFormRoute, SurveysRoute } from '../features/surveys/survey-routes.tsx';
import { ApiError } from '../lib/api.ts';
import { I18nProvider, useI18n } from './i18n.tsx';
import { AppLayout } from './layout.tsx';
import { useRoute, type Route } from './router.tsx';
import { theme } from './theme.ts';
import './print.css';

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

/** The page of each route: one line per page. */
function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'results':
      return <PortalPage cycleId={route.cycleId} />;
    case 'unit':
      return <ScorecardPage cycleId={route.cycleId} unitId={route.unitId} />;
    case 'dashboard':
      return <DashboardPage cycleId={route.cycleId} />;
    case 'rubric':
      return <RubricPage cycleId={route.cycleId} />;
    case 'surveys':
      return <SurveysRoute cycleId={route.cycleId} />;
    case 'announcements':
      return <AnnouncementsPage />;
    case 'login':
      return <LoginPage />;
    case 'work':
      return <WorkPage page={route.page} cycleId={route.cycleId} unitId={route.unitId} />;
    default:
      return <NotFoundPage />;
  }
}

function Routed() {
  const { lang } = useI18n();
  const route = useRoute();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        {route.name === 'surveyForm' ? (
          // The citizens' form stands alone: no site header, nothing to wander off to at a kiosk.
          <SurveyFormRoute code={route.code} />
        ) : (
          <AppLayout>
            <Page route={route} />
          </AppLayout>
        )}
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
