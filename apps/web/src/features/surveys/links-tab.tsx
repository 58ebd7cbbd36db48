/**
 * One-time links (đường dẫn dùng một lần) and one-stop desks (quầy khảo sát): make them — a
 * number of them, or one per person of an uploaded respondent list — then print a sheet of QR
 * codes (a link's token is shown once only, with the person's name when from a list) or a desk's poster.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, InputNumber, Select, Space, Table, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SurveyDeskBody, type SurveyDeskCreated } from '@parindex/contracts';
import { ApiError } from '../../lib/api.ts';
import { formatInteger } from '../../lib/format.ts';
import { send } from '../../lib/session.ts';
import { showError, useAction } from '../../lib/use-action.ts';
import { collectionMessages } from './collection.messages.ts';
import { type Desk, type LinkOut, type QuestionnaireDoc, type SurveyListLink, surveyKeys, surveyUrls, useCycleUnits, useSurveyQuery } from './surveys.api.ts';
import { surveysMessages } from './surveys.messages.ts';
import { WindowControls } from './window-controls.tsx';
import { windowMessages } from './windows.messages.ts';

/** Prints only the given element (the rest of the page is hidden by surveys.css's print rules). */
function printOnly(el: HTMLElement | null) {
  if (!el) return;
  el.classList.add('sv-print-target');
  document.body.classList.add('sv-printing');
  const done = () => {
    el.classList.remove('sv-print-target');
    document.body.classList.remove('sv-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function LinksTab({ qid, cycleId, canManage }: { qid: string; cycleId: string; canManage: boolean }) {
  const m = useFeatureMessages(surveysMessages);
  const cm = useFeatureMessages(collectionMessages);
  const { lang } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const wm = useFeatureMessages(windowMessages);
  const doc = useSurveyQuery<QuestionnaireDoc>(qid, 'doc');
  const desks = useSurveyQuery<Desk[]>(qid, 'desks');
  const units = useCycleUnits(cycleId, canManage);
  const groups = doc.data?.respondentGroups ?? [];
  const [unitId, setUnitId] = useState<string | null>(null);
  const [group, setGroup] = useState<string | undefined>();
  const [count, setCount] = useState(10);
  const [links, setLinks] = useState<(LinkOut & { unitName: string | null; name?: string; unit?: string | null })[]>([]);
  const [listIssues, setListIssues] = useState<{ message: string }[] | null>(null);
  const { busy, run } = useAction();
  const [deskName, setDeskName] = useState('');
  const [deskUnit, setDeskUnit] = useState<string | undefined>();
  const [deskGroup, setDeskGroup] = useState<string | undefined>();
  const [requireDossier, setRequireDossier] = useState(true);
  const [posters, setPosters] = useState<SurveyDeskCreated[]>([]);
  const sheet = useRef<HTMLDivElement>(null);
  const posterRef = useRef<HTMLDivElement>(null);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.unitId, label: u.name }));
  const nameOf = (id: string | null) => (id ? (units.data?.find((u) => u.unitId === id)?.name ?? null) : null);

  const makeTokens = async () => {
    await run(
      async () => {
        const out = await send<LinkOut[]>('POST', surveyUrls.tokens(qid), { unitId, respondentGroup: group ?? groups[0]?.code, count });
        setLinks(out.map((o) => ({ ...o, unitName: nameOf(unitId) })));
      },
      showError((text) => message.error(text, 8)),
    );
  };

  /** One link per row of the list; the server refuses the whole list when any row is bad, naming each. */
  const makeFromList = async (file: File) => {
    const fd = new FormData();
    // Fields before the file: the server reads them with the file part.
    fd.append('respondentGroup', group ?? groups[0]?.code ?? '');
    if (unitId) fd.append('unitId', unitId);
    fd.append('file', file);
    setListIssues(null);
    await run(
      async () => {
        const out = await send<SurveyListLink[]>('POST', surveyUrls.tokensFromList(qid), fd);
        setLinks(out.map((o) => ({ ...o, label: null, unitName: nameOf(o.unitId) })));
        message.success(cm.listMade(formatInteger(out.length, lang)), 8);
      },
      (e) => {
        const issues = e instanceof ApiError ? (e.details?.issues as { message: string }[] | undefined) : undefined;
        if (issues?.length) setListIssues(issues);
        return showError((text) => message.error(text, 8))(e);
      },
    );
  };

  // The desk is made only when the server's own rule (SurveyDeskBody) accepts what is filled in.
  const deskBody = { unitId: deskUnit, name: deskName.trim(), respondentGroup: deskGroup ?? groups[0]?.code, requireDossier };
  const deskReady = SurveyDeskBody.safeParse(deskBody).success;
  const makeDesk = async () => {
    if (!deskReady) return;
    await run(
      async () => {
        const d = await send<SurveyDeskCreated>('POST', surveyUrls.desks(qid), deskBody);
        setPosters((p) => [d, ...p]);
        setDeskName('');
        await client.invalidateQueries({ queryKey: surveyKeys.of(qid, 'desks') });
      },
      showError((text) => message.error(text, 8)),
    );
  };

  return (
    <div>
      <h3 className="sv-h3">{m.tokensHeading}</h3>
      <p className="sv-help">{m.tokensHelp}</p>
      {canManage && (
        <Space wrap className="sv-gap-sm no-print">
          <Select style={{ minWidth: 260 }} allowClear placeholder={m.anyUnit} value={unitId ?? undefined} onChange={(v) => setUnitId(v ?? null)} options={unitOptions} showSearch={{ optionFilterProp: 'label' }} aria-label={m.unit} />
          <Select style={{ minWidth: 180 }} value={group ?? groups[0]?.code} onChange={setGroup} options={groups.map((g) => ({ value: g.code, label: g.name }))} aria-label={m.group} />
          <InputNumber min={1} max={5000} value={count} onChange={(v) => setCount(v ?? 1)} aria-label={m.count} addonBefore={m.count} />
          <Button type="primary" loading={busy} onClick={() => void makeTokens()}>
            {m.makeTokens}
          </Button>
          {links.length > 0 && <Button onClick={() => printOnly(sheet.current)}>{m.print}</Button>}
        </Space>
      )}
      {canManage && (
        <div className="sv-gap-sm no-print">
          <h4 className="sv-h3">{cm.listHeading}</h4>
          <p className="sv-help">{cm.listHelp}</p>
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => (void makeFromList(f), false)}>
            <Button loading={busy}>{cm.chooseList}</Button>
          </Upload>
          {listIssues && (
            <Alert
              className="sv-gap-sm"
              type="error"
              showIcon
              title={cm.listErrors}
              description={
                <ul role="list">
                  {listIssues.map((i) => (
                    <li key={i.message}>{i.message}</li>
                  ))}
                </ul>
              }
            />
          )}
        </div>
      )}
      {links.length > 0 && (
        <div ref={sheet} className="sv-qr-sheet">
          {links.map((l) => (
            <figure key={l.url} className="sv-qr">
              <div className="sv-qr__img" dangerouslySetInnerHTML={{ __html: l.qrSvg }} />
              <figcaption>
                {l.name && <strong>{l.name}</strong>}
                {l.unit && <span>{l.unit}</span>}
                <strong>{doc.data?.title}</strong>
                {l.unitName && <span>{l.unitName}</span>}
                {l.label && <span>{l.label}</span>}
                <code>{l.url}</code>
              </figcaption>
            </figure>
          ))}
        </div>
      )}

      <h3 className="sv-h3">{m.desksHeading}</h3>
      {canManage && (
        <Space wrap className="sv-gap-sm no-print">
          <Select style={{ minWidth: 260 }} placeholder={m.unit} value={deskUnit} onChange={setDeskUnit} options={unitOptions} showSearch={{ optionFilterProp: 'label' }} aria-label={m.unit} />
          <Input style={{ width: 220 }} placeholder={m.deskName} value={deskName} onChange={(e) => setDeskName(e.target.value)} aria-label={m.deskName} />
          <Select style={{ minWidth: 180 }} value={deskGroup ?? groups[0]?.code} onChange={setDeskGroup} options={groups.map((g) => ({ value: g.code, label: g.name }))} aria-label={m.group} />
          <Checkbox checked={requireDossier} onChange={(e) => setRequireDossier(e.target.checked)}>
            {m.requireDossier}
          </Checkbox>
          <Button type="primary" loading={busy} disabled={!deskReady} onClick={() => void makeDesk()}>
            {m.makeDesk}
          </Button>
        </Space>
      )}
      {posters.length > 0 && (
        <div className="sv-gap-sm">
          <Button className="no-print" onClick={() => printOnly(posterRef.current)}>
            {m.print}
          </Button>
          <div ref={posterRef}>
            {posters.map((p) => (
              <section key={p.code} className="sv-poster">
                <h2>{m.deskPoster(p.name)}</h2>
                <div className="sv-poster__qr" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
                <p>{m.deskPosterHelp}</p>
                <code>{p.url}</code>
              </section>
            ))}
          </div>
        </div>
      )}
      <Table<Desk>
        className="no-print"
        size="small"
        rowKey="code"
        loading={desks.isLoading}
        dataSource={desks.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: m.deskName, dataIndex: 'name' },
          { title: m.unit, dataIndex: 'unitName' },
          { title: m.group, dataIndex: 'respondentGroup', render: (c: string) => groups.find((g) => g.code === c)?.name ?? c },
          { title: m.requireDossier, dataIndex: 'requireDossier', render: (v: number) => (v ? '✓' : '') },
          { title: m.deskCode, dataIndex: 'code', render: (c: string) => <a href={`/khao-sat/${encodeURIComponent(doc.data?.code ?? '')}?quay=${c}`} target="_blank" rel="noreferrer">{c}</a> },
          {
            title: wm.column,
            key: 'window',
            render: (_: unknown, d) => <WindowControls target={{ kind: 'desk', code: d.code }} name={d.name} window={d.window} canManage={canManage} onChanged={() => client.invalidateQueries({ queryKey: surveyKeys.of(qid, 'desks') })} />,
          },
        ]}
      />
    </div>
  );
}
