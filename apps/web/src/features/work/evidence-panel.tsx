/**
 * A leaf's evidence (tài liệu kiểm chứng): the linked documents with number/symbol, date, issuer
 * and page, a warning when dated outside the year, a view link; upload a new document or link one
 * the unit already uploaded (one document may serve several leaves).
 */
import { AssessmentTextMax, type EvidenceLinkBody, EvidenceMeta, type EvidenceUploadResult } from '@parindex/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { fieldRule } from '../../lib/form-rules.ts';
import { send } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { ErrorAlert, fmtDate, useW } from './work-common.tsx';
import { type SheetLeaf, documentUrl, leafApi, unitApi, useDocuments, workKeys } from './work.api.ts';

interface Props {
  cycleId: string;
  unitId: string;
  leaf: SheetLeaf;
  editable: boolean;
  onLeaf: (leaf: SheetLeaf) => void;
}

export function EvidencePanel({ cycleId, unitId, leaf, editable, onLeaf }: Props) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const { busy, run } = useAction();
  // The document being unlinked: only its button spins.
  const [unlinking, setUnlinking] = useState<string | null>(null);

  const unlink = async (documentId: string) => {
    setUnlinking(documentId);
    await run(
      async () => {
        onLeaf(await send<SheetLeaf>('DELETE', `${leafApi(cycleId, unitId, leaf.code)}/evidence/${encodeURIComponent(documentId)}`));
        void client.invalidateQueries({ queryKey: workKeys.documents(cycleId, unitId) });
      },
      showError((text) => message.error(text)),
    );
  };

  return (
    <div className="leaf-evidence">
      <div className="leaf-evidence__head">
        <strong>{w.evidence}</strong>
        {leaf.evidenceRequired && <Tag color="orange">{w.evidenceRequired}</Tag>}
        {editable && (
          <Button size="small" onClick={() => setOpen(true)} aria-label={`${w.addEvidence} — ${leaf.code}`}>
            {w.addEvidence}
          </Button>
        )}
      </div>
      {leaf.evidenceExpected && (
        <p className="work-muted work-small">
          {w.evidenceExpected}: {leaf.evidenceExpected}
        </p>
      )}
      {leaf.evidence.length === 0 ? (
        <p className={leaf.evidenceRequired ? 'work-warn work-small' : 'work-muted work-small'}>{w.noEvidence}</p>
      ) : (
        <ul className="leaf-evidence__list">
          {leaf.evidence.map((d) => (
            <li key={d.documentId}>
              <a href={documentUrl(d.documentId)} target="_blank" rel="noopener">
                {d.numberSymbol ?? d.fileName}
              </a>
              <span className="work-muted">
                {' '}
                · {fmtDate(d.issuedDate)}
                {d.issuer ? ` · ${d.issuer}` : ''}
                {d.page ? ` · ${w.page} ${d.page}` : ''} · {d.fileName}
              </span>
              {d.outsideYear && <Tag color="red">{w.outsideYear}</Tag>}
              {editable && (
                <Button size="small" type="link" danger loading={busy && unlinking === d.documentId} onClick={() => unlink(d.documentId)} aria-label={`${w.unlink} ${d.numberSymbol ?? d.fileName}`}>
                  {w.unlink}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && <EvidenceModal cycleId={cycleId} unitId={unitId} leaf={leaf} onClose={() => setOpen(false)} onLeaf={onLeaf} />}
    </div>
  );
}

interface UploadValues {
  numberSymbol: string;
  issuedDate: Dayjs;
  issuer: string;
  signer?: string;
  page?: string;
}

function EvidenceModal({ cycleId, unitId, leaf, onClose, onLeaf }: Omit<Props, 'editable'> & { onClose: () => void }) {
  const { w } = useW();
  const { message } = App.useApp();
  const client = useQueryClient();
  const documents = useDocuments(cycleId, unitId);
  const [tab, setTab] = useState<'upload' | 'link'>('upload');
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const { busy, error, run } = useAction();
  const [pick, setPick] = useState<string | null>(null);
  const [pickPage, setPickPage] = useState('');
  const [uploadForm] = Form.useForm<UploadValues>();

  const linkDoc = async (documentId: string, page: string | null) => {
    const updated = await send<SheetLeaf>('PUT', `${leafApi(cycleId, unitId, leaf.code)}/evidence`, { documentId, page: page?.trim() || null } satisfies EvidenceLinkBody);
    onLeaf(updated);
    void client.invalidateQueries({ queryKey: workKeys.documents(cycleId, unitId) });
  };

  const upload = async (values: UploadValues) => {
    if (!file) {
      setFileMissing(true);
      return;
    }
    await run(async () => {
      const form = new FormData();
      // Fields first: the server reads them from the multipart stream before the file.
      form.append('numberSymbol', values.numberSymbol.trim());
      form.append('issuedDate', values.issuedDate.format('YYYY-MM-DD'));
      form.append('issuer', values.issuer.trim());
      if (values.signer?.trim()) form.append('signer', values.signer.trim());
      form.append('file', file, file.name);
      const res = await send<EvidenceUploadResult>('POST', `${unitApi(cycleId, unitId)}/documents`, form);
      await linkDoc(res.id, values.page ?? null);
      for (const warning of res.warnings) message.warning(warning, 8);
      message.success(w.uploaded);
      onClose();
    });
  };

  const link = async () => {
    if (!pick) return;
    await run(async () => {
      await linkDoc(pick, pickPage);
      message.success(w.linked);
      onClose();
    });
  };

  const linked = new Set(leaf.evidence.map((e) => e.documentId));
  const options = (documents.data ?? [])
    .filter((d) => !linked.has(d.id))
    .map((d) => ({
      value: d.id,
      label: `${d.numberSymbol ?? d.fileName} · ${fmtDate(d.issuedDate)}${d.issuer ? ` · ${d.issuer}` : ''}${d.leaves.length ? ` — ${w.usedBy(d.leaves.map((l) => l.leafCode).join(', '))}` : ''}`,
    }));

  return (
    <Modal
      open
      title={`${w.addEvidence} — ${leaf.code}`}
      onCancel={onClose}
      okText={tab === 'upload' ? w.upload : w.link}
      cancelText={w.cancel}
      confirmLoading={busy}
      okButtonProps={{ disabled: tab === 'link' && !pick }}
      onOk={() => (tab === 'upload' ? uploadForm.submit() : link())}
      width={640}
      destroyOnHidden
    >
      {error !== null && <ErrorAlert error={error} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'upload' | 'link')}
        items={[
          {
            key: 'upload',
            label: w.uploadNew,
            children: (
              <Form form={uploadForm} layout="vertical" onFinish={upload} requiredMark="optional">
                <Form.Item label={w.file} required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? w.fileRequired : file?.name}>
                  <input
                    type="file"
                    aria-label={w.file}
                    accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                    onChange={(e) => {
                      setFile(e.target.files?.[0] ?? null);
                      setFileMissing(false);
                    }}
                  />
                </Form.Item>
                <div className="work-form-row">
                  <Form.Item label={w.numberSymbol} name="numberSymbol" required rules={[fieldRule(EvidenceMeta, 'numberSymbol', w.numberRequired)]}>
                    <Input placeholder="15/BC-STP" />
                  </Form.Item>
                  <Form.Item label={w.issuedDate} name="issuedDate" required rules={[fieldRule(EvidenceMeta, 'issuedDate', w.dateRequired)]}>
                    <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
                  </Form.Item>
                </div>
                <div className="work-form-row">
                  <Form.Item label={w.issuer} name="issuer" required rules={[fieldRule(EvidenceMeta, 'issuer', w.issuerRequired)]}>
                    <Input />
                  </Form.Item>
                  <Form.Item label={w.signer} name="signer">
                    <Input />
                  </Form.Item>
                </div>
                <Form.Item label={w.pageOptional} name="page">
                  <Input style={{ width: 160 }} maxLength={AssessmentTextMax.page} />
                </Form.Item>
              </Form>
            ),
          },
          {
            key: 'link',
            label: w.linkExisting,
            children: documents.isError ? (
              <ErrorAlert error={documents.error} onRetry={() => documents.refetch()} />
            ) : options.length === 0 && !documents.isPending ? (
              <Alert type="info" title={w.noDocuments} />
            ) : (
              <Form layout="vertical">
                <Form.Item label={w.pickDocument}>
                  <Select showSearch={{ optionFilterProp: 'label' }} loading={documents.isPending} value={pick} onChange={setPick} options={options} placeholder={w.pickDocumentPlaceholder} />
                </Form.Item>
                <Form.Item label={w.pageOptional}>
                  <Input style={{ width: 160 }} maxLength={AssessmentTextMax.page} value={pickPage} onChange={(e) => setPickPage(e.target.value)} />
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
    </Modal>
  );
}
