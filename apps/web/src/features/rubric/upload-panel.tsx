/**
 * Uploading a rubric file: the server checks it whole; a refused file lists every error in a table
 * (sheet, row, column, message) and nothing is saved; an accepted one becomes the next version.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { ApiError } from '../../lib/api.ts';
import { send } from '../../lib/session.ts';
import { useAction } from '../../lib/use-action.ts';
import { FileUploadField, fileForm } from '../work/file-upload-field.tsx';
import { errorText } from '../work/work-common.tsx';
import { type RubricFileError, type RubricVersion, type UploadResult, rubricKeys } from './rubric.api.ts';
import { rubricMessages } from './rubric.messages.ts';

const RUBRIC_FILES = '.xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Outcome = { ok: true; result: UploadResult } | { ok: false; message: string; errors: RubricFileError[] };

export function UploadPanel({ onView, onCompare }: { onView: (versionId: string) => void; onCompare: (version: RubricVersion) => void }) {
  const m = useFeatureMessages(rubricMessages);
  const client = useQueryClient();
  const { busy, run } = useAction();
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload(file: File) {
    setOutcome(null);
    await run(
      async () => {
        const result = await send<UploadResult>('POST', '/api/work/rubrics', fileForm(file));
        setOutcome({ ok: true, result });
        await client.invalidateQueries({ queryKey: rubricKeys.versions });
      },
      (e) => {
        // A refused file: its message above the table of every error found in it.
        const errors = e instanceof ApiError && Array.isArray(e.details?.errors) ? (e.details.errors as RubricFileError[]) : [];
        setOutcome({ ok: false, message: errorText(e), errors });
        return null;
      },
    );
  }

  const columns: TableColumnsType<RubricFileError & { key: number }> = [
    { key: 'sheet', title: m.colSheet, dataIndex: 'sheet', width: 130, render: (s: string | null) => s ?? '—' },
    { key: 'row', title: m.colRow, dataIndex: 'row', width: 70, align: 'right', render: (r: number | null) => r ?? '—' },
    { key: 'column', title: m.colColumn, dataIndex: 'column', width: 200, render: (c: string | null) => c ?? '—' },
    { key: 'message', title: m.colMessage, dataIndex: 'message' },
  ];

  return (
    <Card size="small" title={<h3 className="work-h3 rubric-card-title">{m.uploadTitle}</h3>}>
      <p className="work-muted">{m.uploadHint}</p>
      <FileUploadField labels={m} sendLabel={m.uploadBtn} accept={RUBRIC_FILES} busy={busy} onPick={() => setOutcome(null)} onSend={upload} />
      {outcome?.ok === true && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={outcome.result.message}
          action={
            <span className="rubric-actions">
              <Button size="small" onClick={() => onView(outcome.result.version.id)}>
                {m.viewUploaded}
              </Button>
              <Button size="small" type="primary" onClick={() => onCompare(outcome.result.version)}>
                {m.compareWithPrevious}
              </Button>
            </span>
          }
        />
      )}
      {outcome?.ok === false && (
        <>
          <Alert type="error" showIcon role="alert" title={outcome.message} />
          {outcome.errors.length > 0 && (
            <Table
              className="rubric-errors"
              size="small"
              bordered
              columns={columns}
              dataSource={outcome.errors.map((e, key) => ({ ...e, key }))}
              pagination={outcome.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              caption={<span className="rubric-errors__caption">{m.errorsTitle(outcome.errors.length)}</span>}
            />
          )}
        </>
      )}
    </Card>
  );
}
