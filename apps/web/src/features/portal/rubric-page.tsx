/**
 * The rubric of a published year, for everyone (`/cycles/:id/rubric`): fields → criteria → leaves,
 * each leaf with its maximum, how it is scored, the evidence expected and the groups it applies
 * to, and the annex XLSX to download. Each node has an anchor (`#tc-1.2.3`): the scorecard links
 * every leaf to it, so a unit or a citizen can read why points were lost. No login.
 */
import { Button, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { usePageMeta } from '../../app/page-meta.ts';
import { Link, cyclePath, rubricAnchor } from '../../app/router.tsx';
import { formatExact, isZeroDecimal as isZero } from '../../lib/format.ts';
import { PublicHead, PublicPage } from '../results/public-page.tsx';
import { type RubricTree, type RubricTreeNode, usePublishedRubric } from '../rubric/rubric.api.ts';
import { rubricExportHref } from './downloads.ts';
import { rubricPageMessages } from './rubric-page.messages.ts';
import '../results/results.css';
import '../scorecard/scorecard.css';
import './rubric-page.css';

/** The node the address points at (`#tc-1.2.3`), followed as the hash changes. */
function useTargetCode(): string | null {
  const read = () => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    return hash.startsWith(rubricAnchor('')) ? hash.slice(rubricAnchor('').length) : null;
  };
  const [code, setCode] = useState(read);
  useEffect(() => {
    const onChange = () => setCode(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return code;
}

function Leaf({ node, tree, target }: { node: RubricTreeNode; tree: RubricTree; target: string | null }) {
  const m = useFeatureMessages(rubricPageMessages);
  const { lang } = useI18n();
  const leaf = node.leaf!;
  const names = new Map(tree.peerGroups.map((g) => [g.code, g.name]));
  // One level below its parent's heading (field h3, criterion h4), so no level is skipped.
  const Title = node.depth <= 2 ? 'h4' : 'h5';
  return (
    <li id={rubricAnchor(node.code)} className={`rp-leaf${target === node.code ? ' is-target' : ''}`} tabIndex={-1}>
      <div className="rp-leaf__head">
        <Title className="rp-leaf__title">
          <span className="rp-code">{node.code}</span> {node.title}
        </Title>
        <span className="rp-leaf__max">{m.max(formatExact(node.max, lang))}</span>
      </div>
      <dl className="rp-leaf__body">
        <dt>{m.how}</dt>
        <dd>
          {leaf.source === 'survey' && <Tag color="purple">{m.survey}</Tag>}
          {leaf.effect === 'bonus' && <Tag color="green">{m.bonus}</Tag>}
          {leaf.effect === 'deduction' && <Tag color="red">{m.deduction}</Tag>}
          {leaf.howScored}
          {[...leaf.notes, ...node.conditions].map((n) => (
            <span key={n} className="rp-note">
              {n}
            </span>
          ))}
        </dd>
        {leaf.evidence && (
          <>
            <dt>{m.evidence}</dt>
            <dd>
              {leaf.evidence}
            </dd>
          </>
        )}
        {node.groups && (
          <>
            <dt>{m.appliesTo}</dt>
            <dd>{node.groups.map((g) => names.get(g) ?? g).join(', ')}</dd>
          </>
        )}
      </dl>
    </li>
  );
}

/** A field or criterion with what is under it; headings h3 (field), h4 (criterion and deeper). */
function Branch({ node, tree, target }: { node: RubricTreeNode; tree: RubricTree; target: string | null }) {
  const m = useFeatureMessages(rubricPageMessages);
  const { lang } = useI18n();
  const Heading = node.depth === 1 ? 'h3' : 'h4';
  const leaves = node.children.filter((c) => c.leaf);
  const branches = node.children.filter((c) => !c.leaf);
  return (
    <section id={rubricAnchor(node.code)} className={`rp-branch rp-branch--${node.depth === 1 ? 'field' : 'criterion'}${target === node.code ? ' is-target' : ''}`} aria-labelledby={`${rubricAnchor(node.code)}-h`}>
      <Heading id={`${rubricAnchor(node.code)}-h`} className="rp-branch__title">
        <span className="rp-code">{node.code}</span> {node.title} {!isZero(node.max) && <span className="rp-branch__max">({m.max(formatExact(node.max, lang))})</span>}
      </Heading>
      {node.conditions.map((c) => (
        <p key={c} className="rp-note">
          {c}
        </p>
      ))}
      {leaves.length > 0 && (
        <ol className="rp-leaves">
          {leaves.map((l) => (
            <Leaf key={l.code} node={l} tree={tree} target={target} />
          ))}
        </ol>
      )}
      {branches.map((b) => (
        <Branch key={b.code} node={b} tree={tree} target={target} />
      ))}
    </section>
  );
}

export function RubricPage({ cycleId }: { cycleId: string }) {
  const m = useFeatureMessages(rubricPageMessages);
  const { lang } = useI18n();
  const q = usePublishedRubric(cycleId);
  const target = useTargetCode();
  const d = q.data;
  usePageMeta(d ? m.heading(d.cycle.year) : null, d ? m.describe(d.cycle.year, d.rubric.name) : null);

  // The content arrives after the page: go to the anchor once it is there.
  useEffect(() => {
    if (!d || !target) return;
    const el = document.getElementById(rubricAnchor(target));
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  }, [d, target]);

  const n = (v: string) => formatExact(v, lang);
  const crumbs = (
    <>
      <li>
        <Link href="/">{m.home}</Link>
      </li>
      {d && (
        <li>
          <Link href={cyclePath(cycleId)}>{m.resultsOf(d.cycle.year)}</Link>
        </li>
      )}
      <li aria-current="page">{m.here}</li>
    </>
  );
  return (
    <PublicPage className="rubric-public" breadcrumbLabel={m.breadcrumb} crumbs={crumbs} query={q}>
      {(data) => (
        <>
          <PublicHead
            title={m.heading(data.cycle.year)}
            sub={data.rubric.name}
            cycle={m.version(data.rubric.code, data.rubric.version)}
            actions={
              <>
                <Button type="primary" href={rubricExportHref(cycleId)} download>
                  {m.download}
                </Button>
                <Link className="link-button" href={cyclePath(cycleId)}>
                  {m.back(data.cycle.year)}
                </Link>
              </>
            }
          />
          <p className="rp-intro">{m.intro(data.cycle.year)}</p>
          <dl className="rp-facts sc-card">
            {data.rubric.basis && (
              <>
                <dt>{m.basis}</dt>
                <dd>{data.rubric.basis}</dd>
              </>
            )}
            <dt>{m.groups}</dt>
            <dd>{data.rubric.peerGroups.map((g) => m.groupMax(g.name, n(g.max))).join('; ')}</dd>
            <dt>{m.bands}</dt>
            <dd>{data.rubric.bands.map((b) => m.bandFrom(b.label, n(b.min))).join('; ')}</dd>
            <dt>{m.ties}</dt>
            <dd>{data.rubric.ties}</dd>
          </dl>
          <nav className="rp-contents sc-card no-print" aria-labelledby="rp-contents-h">
            <h3 id="rp-contents-h" className="rp-contents__title">
              {m.contents}
            </h3>
            <ol>
              {data.rubric.fields.map((f) => (
                <li key={f.code}>
                  <a href={`#${rubricAnchor(f.code)}`}>
                    {f.code}. {f.title}
                  </a>{' '}
                  {!isZero(f.max) && <span className="rp-muted">({m.points(n(f.max))})</span>}
                </li>
              ))}
            </ol>
          </nav>
          {data.rubric.fields.map((f) => (
            <Branch key={f.code} node={f} tree={data.rubric} target={target} />
          ))}
        </>
      )}
    </PublicPage>
  );
}
