/** A leaf's history: its score at every stage (self, proposal, council, final) and the audit trail behind them. */
import { Descriptions, Drawer, Empty, Skeleton, Timeline } from 'antd';
import { useA } from './admin.messages.ts';
import { type AuditCtx, AuditChange } from './audit-change.tsx';
import { ErrorAlert, fmtDateTime, fmtPoints, useW } from './work-common.tsx';
import { useLeafHistory } from './work.api.ts';

interface Props {
  cycleId: string;
  unitId: string;
  leafCode: string | null;
  onClose: () => void;
}

export function HistoryDrawer({ cycleId, unitId, leafCode, onClose }: Props) {
  const { w, lang } = useW();
  const a = useA();
  // Names of accounts are not loaded here (admin-only); audit entries carry the author's name.
  const ctx: AuditCtx = { a, lang, stage: w.stage, unitStatus: w.selfStatus, userName: () => null };
  const history = useLeafHistory(cycleId, unitId, leafCode);
  const leaf = history.data?.leaf;
  const entries = history.data?.entries ?? [];
  return (
    <Drawer open={leafCode !== null} onClose={onClose} title={leafCode ? w.historyTitle(leafCode) : ''} size="min(560px, 100vw)" destroyOnHidden>
      {history.isPending && <Skeleton active />}
      {history.isError && <ErrorAlert error={history.error} onRetry={() => history.refetch()} />}
      {leaf && (
        <>
          <p>{leaf.title}</p>
          <h3 className="work-h3">{w.stageScores}</h3>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'max', label: w.maxPoints, children: fmtPoints(leaf.max, lang) },
              { key: 'self', label: w.selfPoints, children: <>{fmtPoints(leaf.selfPoints, lang)}{leaf.selfNote ? <div className="work-muted">{leaf.selfNote}</div> : null}</> },
              {
                key: 'proposed',
                label: w.proposedPoints,
                children: <>{fmtPoints(leaf.proposedPoints, lang)}{leaf.proposedReason ? <div className="work-muted">{w.reason}: {leaf.proposedReason}</div> : null}{leaf.proposedBy ? <div className="work-muted">{w.proposedBy(leaf.proposedBy)}</div> : null}</>,
              },
              { key: 'response', label: w.responseLabel, children: leaf.response ? <>{w.responded[leaf.response]}{leaf.responseText ? <div className="work-muted">{leaf.responseText}</div> : null}</> : '—' },
              { key: 'council', label: w.councilPoints, children: <>{fmtPoints(leaf.councilPoints, lang)}{leaf.councilReason ? <div className="work-muted">{w.reason}: {leaf.councilReason}</div> : null}</> },
              { key: 'final', label: w.finalPoints, children: <strong>{fmtPoints(leaf.finalPoints, lang)}</strong> },
            ]}
          />
          <h3 className="work-h3">{w.auditTrail}</h3>
          {entries.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={w.noAudit} />
          ) : (
            <Timeline
              items={entries.map((e) => ({
                key: e.id,
                content: (
                  <div>
                    <div>
                      <strong>{w.actions[e.action] ?? e.action}</strong> <span className="work-muted">· {fmtDateTime(e.at)} {e.userName ? `· ${w.by} ${e.userName}` : ''}</span>
                    </div>
                    <div className="work-small">
                      <AuditChange entry={e} c={ctx} />
                    </div>
                    {e.reason && <div className="work-small work-muted">{w.reason}: {e.reason}</div>}
                  </div>
                ),
              }))}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
