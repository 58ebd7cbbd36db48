/** The survey pages, loaded on demand: the public form (/khao-sat/:code) and the staff pages (/work/cycles/:id/surveys). */
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';

const SurveyFormPage = lazy(() => import('../survey-form/survey-form-page.tsx'));
const SurveysPage = lazy(() => import('./surveys-page.tsx'));

const fallback = (
  <div style={{ display: 'grid', placeItems: 'center', padding: 64 }}>
    <Spin size="large" />
  </div>
);

export function SurveyFormRoute({ code }: { code: string }) {
  return (
    <Suspense fallback={fallback}>
      <SurveyFormPage code={code} />
    </Suspense>
  );
}

export function SurveysRoute({ cycleId }: { cycleId: string }) {
  return (
    <Suspense fallback={fallback}>
      <SurveysPage cycleId={cycleId} />
    </Suspense>
  );
}
