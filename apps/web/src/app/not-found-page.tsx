import { Button, Result } from 'antd';
import { useI18n } from './i18n.tsx';
import { navigate } from './router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="warning"
      title={<h2 className="page-title">{t.notFoundTitle}</h2>}
      subTitle={t.notFoundHint}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t.backHome}
        </Button>
      }
    />
  );
}
