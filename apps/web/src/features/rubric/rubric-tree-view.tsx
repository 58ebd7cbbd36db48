/**
 * A rubric version as the secretariat reads it: the version's facts (basis, classes, ties, peer
 * groups with their maximum) and the tree of fields → criteria → leaves in one table — code,
 * title, maximum, how it is scored (in words, and as written in the file), evidence expected and
 * the groups it applies to.
 */
import { Button, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatExact } from '../../lib/format.ts';
import { ErrorAlert } from '../work/work-common.tsx';
import { type RubricTree, type RubricTreeNode, useRubricTree, versionExportHref } from './rubric.api.ts';
import { rubricMessages } from './rubric.messages.ts';

/** How a leaf is scored: the sentence, its notes and conditions, and tags for survey, bonus, deduction. */
export function HowScored({ node, showNotation = false }: { node: RubricTreeNode; showNotation?: boolean }) {
  const m = useFeatureMessages(rubricMessages);
  const leaf = node.leaf;
  return (
    <div className="rubric-how">
      {leaf && (
        <>
          {(leaf.source === 'survey' || leaf.effect !== 'score') && (
            <span className="rubric-how__tags">
              {leaf.source === 'survey' && <Tag color="purple">{m.survey}</Tag>}
              {leaf.effect === 'bonus' && <Tag color="green">{m.bonus}</Tag>}
              {leaf.effect === 'deduction' && <Tag color="red">{m.deduction}</Tag>}
            </span>
          )}
          <span>{leaf.howScored}</span>
          {leaf.notes.map((n) => (
            <span key={n} className="rubric-how__note">
              {n}
            </span>
          ))}
          {showNotation && leaf.notation !== leaf.howScored && (
            <span className="rubric-how__notation">
              {m.notation} <q>{leaf.notation}</q>
            </span>
          )}
        </>
      )}
      {node.conditions.map((c) => (
        <span key={c} className="rubric-how__condition">
          {c}
        </span>
      ))}
    </div>
  );
}

/** The version's facts above the tree. */
export function RubricFacts({ tree }: { tree: RubricTree }) {
  const m = useFeatureMessages(rubricMessages);
  const { lang } = useI18n();
  const n = (v: string) => formatExact(v, lang);
  return (
    <dl className="rubric-facts">
      {tree.basis && (
        <>
          <dt>{m.basis}</dt>
          <dd>{tree.basis}</dd>
        </>
      )}
      <dt>{m.groups}</dt>
      <dd>{tree.peerGroups.map((g) => m.groupMax(g.name, n(g.max))).join('; ')}</dd>
      <dt>{m.bands}</dt>
      <dd>{tree.bands.map((b) => m.bandFrom(b.label, n(b.min))).join('; ')}</dd>
      <dt>{m.ties}</dt>
      <dd>{tree.ties}</dd>
      <dt>{m.capsLabel}</dt>
      <dd>{m.caps(tree.bonusCap && n(tree.bonusCap), tree.deductionCap && n(tree.deductionCap))}</dd>
    </dl>
  );
}

type Row = Omit<RubricTreeNode, 'children'> & { key: string; children?: Row[] };
const rows = (nodes: RubricTreeNode[]): Row[] => nodes.map((n) => ({ ...n, key: n.code, children: n.children.length ? rows(n.children) : undefined }));

/** The tree of one version, loaded by id. */
export function RubricTreeView({ versionId, onClose }: { versionId: string; onClose?: () => void }) {
  const m = useFeatureMessages(rubricMessages);
  const { lang } = useI18n();
  const q = useRubricTree(versionId);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const tree = q.data;
  const names = new Map(tree.peerGroups.map((g) => [g.code, g.name]));
  const columns: TableColumnsType<Row> = [
    { key: 'code', title: m.colNodeCode, dataIndex: 'code', width: 130, render: (c: string, r) => <span className={`rubric-code rubric-depth-${Math.min(r.depth, 3)}`}>{c}</span> },
    { key: 'title', title: m.colTitle, dataIndex: 'title', width: '24%', render: (t: string, r) => (r.depth <= 2 ? <strong>{t}</strong> : t) },
    { key: 'max', title: m.colMax, align: 'right', width: 80, render: (_, r) => <span className="num">{formatExact(r.max, lang)}</span> },
    { key: 'how', title: m.colHow, width: '34%', render: (_, r) => <HowScored node={{ ...r, children: [] }} showNotation /> },
    {
      key: 'evidence',
      title: m.colEvidence,
      render: (_, r) =>
        r.leaf?.evidence ? (
          <span>
            {r.leaf.evidence}
            {r.leaf.evidenceRequired && <Tag className="rubric-required">{m.required}</Tag>}
          </span>
        ) : null,
    },
    { key: 'groups', title: m.colGroups, width: 130, render: (_, r) => (r.groups ? r.groups.map((g) => names.get(g) ?? g).join(', ') : <span className="work-muted">{m.allGroups}</span>) },
  ];
  return (
    <section className="rubric-tree" aria-labelledby="rubric-tree-title">
      <div className="rubric-tree__head">
        <div>
          <h3 id="rubric-tree-title" className="work-h3">
            {m.treeTitle(tree.code, tree.version)}
          </h3>
          <p className="work-muted">
            {tree.name} · {m.leafCount(tree.leaves)}
          </p>
        </div>
        <span className="rubric-tree__actions">
          <Button href={versionExportHref(tree.id)} download>
            {m.downloadXlsx}
          </Button>
          {onClose && <Button onClick={onClose}>{m.closeTree}</Button>}
        </span>
      </div>
      <RubricFacts tree={tree} />
      <Table<Row>
        size="small"
        bordered
        columns={columns}
        dataSource={rows(tree.fields)}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        rowClassName={(r) => `rubric-row--depth-${Math.min(r.depth, 3)}`}
        tableLayout="fixed"
      />
    </section>
  );
}
