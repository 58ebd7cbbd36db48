/**
 * The secretariat's documents of a computed cycle on its board (also for an administrator and the
 * province's leaders): the annex, the report and the draft decision made as background jobs, the
 * open data as direct links. Before publication every file is a draft ("DỰ THẢO", /api/work/…).
 */
import { DecisionFields } from '@parindex/contracts';
import { Alert, Card, DatePicker, Form, Input } from 'antd';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { fieldRule } from '../../lib/form-rules.ts';
import type { SessionUser } from '../../lib/session.ts';
import { type WorkCycle, useWorkResults } from '../work/work.api.ts';
import { type DecisionValues, decisionRequest } from './decision-request.ts';
import { ExportJobButton, errorMessage } from './export-job-button.tsx';
import { exportsMessages } from './exports.messages.ts';
import './exports.css';

const ROLES = new Set(['admin', 'secretariat', 'leader']);
const WITH_RESULTS = new Set(['council', 'approved', 'published', 'closed']);
const PUBLISHED = new Set(['published', 'closed']);

export function ExportJobsPanel({ cycle, user }: { cycle: WorkCycle; user: SessionUser }) {
  const visible = ROLES.has(user.role) && WITH_RESULTS.has(cycle.status);
  return visible ? <Panel cycle={cycle} /> : null;
}

function Panel({ cycle }: { cycle: WorkCycle }) {
  const m = useFeatureMessages(exportsMessages);
  const [form] = Form.useForm<DecisionValues>();
  const values = Form.useWatch([], form) as DecisionValues | undefined;
  // Shares its cache with the board's results section: no second request.
  const results = useWorkResults(cycle.id, true);
  const computed = results.data && results.data.groups.some((g) => g.units.length > 0);
  const enc = encodeURIComponent(cycle.id);
  const startUrl = `/api/work/cycles/${enc}/exports`;
  const draft = !PUBLISHED.has(cycle.status);
  const decision = decisionRequest(values, draft);
  const query = new URLSearchParams(Object.entries(decision).filter((e): e is [string, string] => e[1] !== undefined));
  const direct = (format: 'csv' | 'json') => `/api/work/cycles/${enc}/results/export?format=${format}${query.size ? `&${query}` : ''}`;

  return (
    <Card className="work-section export-panel" title={<h3 className="work-h3">{draft ? m.draftTitle : m.docsTitle}</h3>}>
      {results.isError && <Alert type="info" showIcon title={errorMessage(results.error, m)} />}
      {results.data && !computed && <Alert type="info" showIcon title={m.notComputed} />}
      {computed && (
        <>
          <p className={draft ? 'export-panel__hint export-panel__hint--draft' : 'export-panel__hint'}>{draft ? m.draftHint : m.publishedHint}</p>
          <Form form={form} name="export-documents" layout="inline" className="export-panel__form" aria-label={m.decision}>
            {/* A published cycle's documents cite its stored decision: there is nothing to type. */}
            {draft && (
              <>
                <Form.Item label={m.decisionNumber} name="decisionNumber" rules={[fieldRule(DecisionFields, 'decisionNumber')]}>
                  <Input placeholder={m.decisionNumberHint} style={{ width: 160 }} maxLength={20} />
                </Form.Item>
                <Form.Item label={m.decisionDate} name="decisionDate">
                  <DatePicker format="DD/MM/YYYY" />
                </Form.Item>
              </>
            )}
            <Form.Item label={m.signer} name="signer" rules={[fieldRule(DecisionFields, 'signer')]}>
              <Input placeholder={m.signerHint} style={{ width: 200 }} maxLength={80} />
            </Form.Item>
          </Form>
          <div className="export-panel__jobs">
            <ExportJobButton startUrl={startUrl} jobsBase="/api/work/exports" request={{ format: 'xlsx', ...decision }} label={m.annex} />
            <ExportJobButton startUrl={startUrl} jobsBase="/api/work/exports" request={{ format: 'pdf' }} label={m.report} />
            <ExportJobButton startUrl={startUrl} jobsBase="/api/work/exports" request={{ format: 'docx', ...decision }} label={draft ? m.decision : m.publishedDecision} />
            <ExportJobButton startUrl={startUrl} jobsBase="/api/work/exports" request={{ format: 'xlsx', scope: 'year' }} label={m.yearBook} />
          </div>
          <p className="export-panel__open">
            {m.openData}{' '}
            <a href={direct('csv')} download>
              CSV
            </a>
            {' · '}
            <a href={direct('json')} download>
              JSON
            </a>
          </p>
          <p className="work-muted work-small">{m.longHint}</p>
        </>
      )}
    </Card>
  );
}
