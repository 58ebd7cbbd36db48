import { Button, Card, Empty, Result, Skeleton } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { navigate } from '../../app/router.tsx';
import { ApiError } from '../../lib/api.ts';

/** Placeholder shaped like a group card while results load. */
export function ResultsSkeleton() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="visually-hidden">{t.loading}</span>
      {[0, 1].map((i) => (
        <Card key={i} className="group-card">
          <Skeleton active title={{ width: '40%' }} paragraph={{ rows: 1, width: '70%' }} />
          <Skeleton active title={false} paragraph={{ rows: 6 }} />
        </Card>
      ))}
    </div>
  );
}

export function EmptyState({ hint }: { hint?: string }) {
  const { t } = useI18n();
  return (
    <Card className="group-card">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <>
            <h2 className="state-title">{t.emptyTitle}</h2>
            <p className="state-hint">{hint ?? t.emptyHint}</p>
          </>
        }
      />
    </Card>
  );
}

/** The server's own (Vietnamese) message, the request id for support, and a retry button. */
export function ErrorState({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const { t } = useI18n();
  let message = t.badResponse;
  let requestId: string | undefined;
  let notFound = false;
  if (error instanceof ApiError) {
    message = error.code === 'NETWORK' ? t.networkError : error.code === 'BAD_RESPONSE' ? t.badResponse : error.message;
    requestId = error.requestId;
    notFound = error.status === 404;
  }
  return (
    <Card className="group-card">
      <Result
        status="warning"
        title={<h2 className="state-title">{t.errorTitle}</h2>}
        subTitle={
          <div role="alert">
            <p className="state-message">{message}</p>
            {requestId && <p className="state-hint">{t.requestId(requestId)}</p>}
          </div>
        }
        extra={
          // An unknown cycle will not appear by retrying: offer the way back instead.
          notFound ? (
            <Button type="primary" onClick={() => navigate('/')}>
              {t.backHome}
            </Button>
          ) : (
            <Button type="primary" onClick={onRetry} loading={retrying}>
              {t.retry}
            </Button>
          )
        }
      />
    </Card>
  );
}
