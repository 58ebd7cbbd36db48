/** Importing paper or phone-interview responses (every rejected row reported), and the quality flags with exclude/restore. */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Modal, Progress, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatInteger } from '../../lib/format.ts';
import type { SurveyImportStarted } from '@parindex/contracts';
import { getJson } from '../../lib/api.ts';
import { send } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { type ImportJobState, type ImportReport, type QualityFlag, surveyUrls, useSurveyQuery } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';
import { ActionsHeader } from '../../app/table-a11y.tsx';

export function ResponsesTab({ qid, cycleId, canManage }: { qid: string; cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [report, setReport] = useState<ImportReport | null>(null);
  const { busy, run } = useAction();
  const [progress, setProgress] = useState<{ rows: number; total: number | null } | null>(null);
  const n = (x: number) => formatInteger(x, lang);

  const upload = async (file: File) => {
    const fd = new FormData();
    fd.append('file', file);
    setProgress({ rows: 0, total: null });
    await run(
      async () => {
        // The import runs on the server in the background; the page polls its progress.
        const started = await send<SurveyImportStarted>('POST', surveyUrls.importJobs(qid), fd);
        setProgress({ rows: 0, total: started.totalRows });
        let job: ImportJobState;
        for (;;) {
          await new Promise((r) => setTimeout(r, 500));
          job = await getJson<ImportJobState>(surveyUrls.importJob(started.jobId));
          setProgress({ rows: job.rows, total: started.totalRows });
          if (job.status !== 'running') break;
        }
        if (job.status === 'failed' || !job.result) throw new Error(job.error ?? 'Lỗi khi nhập tệp.');
        const r: ImportReport = job.result;
        setReport(r);
        await client.invalidateQueries({ queryKey: ['work', 'survey', qid] });
        await client.invalidateQueries({ queryKey: ['work', 'surveys', cycleId] });
      },
      showError((text) => message.error(text, 10)),
    );
    setProgress(null);
  };

  return (
    <div>
      <h3 className="sv-h3">{m.importHeading}</h3>
      <p className="sv-help">{m.importHelp}</p>
      <Space wrap className="sv-gap-sm">
        {canManage && (
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
            <Button type="primary" loading={busy}>
              {m.chooseFile}
            </Button>
          </Upload>
        )}
        {progress && (
          <span className="sv-import-progress" role="status" aria-live="polite">
            {progress.total ? <Progress aria-label={m.importProgress(n(progress.rows), progress.total === null ? null : n(progress.total))} percent={Math.min(99, Math.floor((progress.rows / Math.max(1, progress.total)) * 100))} size="small" style={{ width: 160 }} /> : null}{' '}
            {m.importProgress(n(progress.rows), progress.total === null ? null : n(progress.total))}
          </span>
        )}
        <a href={surveyUrls.template(qid)} download>
          {m.downloadTemplate}
        </a>
        {canManage && (
          <a href={surveyUrls.csv(qid)} download>
            {m.downloadCsv}
          </a>
        )}
      </Space>
      {report && (
        <>
          <Alert className="sv-gap-sm" type={report.rejected.length ? 'warning' : 'success'} showIcon title={m.importResult(n(report.rows), n(report.stored), n(report.duplicates), n(report.rejected.length))} />
          {report.rejected.length > 0 && (
            <Table
              size="small"
              rowKey={(r) => `${r.row}|${r.field ?? ''}|${r.reason}`}
              dataSource={report.rejected}
              pagination={report.rejected.length > 50 ? { pageSize: 50 } : false}
              scroll={{ x: true }}
              columns={[
                { title: m.row, dataIndex: 'row', align: 'right', width: 80, render: (x: number) => n(x) },
                { title: m.field, dataIndex: 'field', width: 140, render: (f?: string) => f ?? '—' },
                { title: m.reason, dataIndex: 'reason' },
              ]}
            />
          )}
        </>
      )}
    </div>
  );
}

export function QualityTab({ qid, cycleId, canManage }: { qid: string; cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const { message } = App.useApp();
  const client = useQueryClient();
  const flags = useSurveyQuery<QualityFlag[]>(qid, 'quality');
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);

  const setExclusion = async (responseId: string, r: string | null) => {
    try {
      await send('PUT', surveyUrls.exclusion(responseId), { reason: r });
      await client.invalidateQueries({ queryKey: ['work', 'survey', qid] });
      await client.invalidateQueries({ queryKey: ['work', 'surveys', cycleId] });
      setTarget(null);
      setReason('');
    } catch (e) {
      message.error((e as Error).message, 8);
    }
  };

  return (
    <div>
      <p className="sv-help">{m.qualityHelp}</p>
      {flags.error && <Alert type="error" showIcon title={(flags.error as Error).message} />}
      <Table<QualityFlag>
        size="small"
        rowKey={(f) => `${f.responseId}|${f.kind}`}
        loading={flags.isLoading}
        dataSource={flags.data ?? []}
        locale={{ emptyText: m.noFlags }}
        pagination={(flags.data?.length ?? 0) > 50 ? { pageSize: 50 } : false}
        scroll={{ x: true }}
        columns={[
          { title: m.responseId, dataIndex: 'responseId', render: (id: string) => <code title={id}>{id.slice(0, 8)}…</code> },
          { title: m.flag, dataIndex: 'kind', render: (k: string) => <Tag color="orange">{m.flagKinds[k] ?? k}</Tag> },
          { title: m.reason, dataIndex: 'message' },
          { title: m.status, dataIndex: 'excludedReason', render: (r: string | null) => (r ? <Tag color="red">{m.excludedAs(r)}</Tag> : <Tag color="green">{m.kept}</Tag>) },
          ...(canManage
            ? [
                {
                  title: <ActionsHeader />,
                  key: 'act',
                  render: (_: unknown, f: QualityFlag) =>
                    f.excludedReason ? (
                      <Button size="small" onClick={() => void setExclusion(f.responseId, null)}>
                        {m.restore}
                      </Button>
                    ) : (
                      <Button size="small" danger onClick={() => (setTarget(f.responseId), setReason(''), setReasonError(false))}>
                        {m.exclude}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={target !== null}
        title={m.exclude}
        okText={m.exclude}
        okButtonProps={{ danger: true }}
        onCancel={() => setTarget(null)}
        onOk={() => {
          if (!reason.trim()) return setReasonError(true);
          void setExclusion(target!, reason.trim());
        }}
      >
        <label htmlFor="sv-exclude-reason">{m.excludeReason}</label>
        <Input.TextArea id="sv-exclude-reason" rows={3} value={reason} onChange={(e) => (setReason(e.target.value), setReasonError(false))} status={reasonError ? 'error' : undefined} />
        {reasonError && <p className="sv-error">{m.excludeReasonRequired}</p>}
      </Modal>
    </div>
  );
}
