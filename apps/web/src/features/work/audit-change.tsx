/**
 * An audit entry's before → after, readable: points with a decimal comma, dates dd/mm/yyyy,
 * stages and answers in words, each field by its label; shared by the audit log and a leaf's history.
 */
import { formatExact } from '../../lib/format.ts';
import type { AdminMessages } from './admin.messages.ts';
import { fmtDate } from './work-common.tsx';
import type { AuditEntry } from './work.api.ts';

const POINT_KEYS = new Set(['selfPoints', 'proposedPoints', 'councilPoints', 'finalPoints', 'points']);
const DATE_KEYS = new Set(['self', 'appraisal', 'explanation', 'council', 'decisionDate', 'issuedDate']);

export interface AuditCtx {
  a: AdminMessages;
  lang: 'vi' | 'en';
  stage: Record<string, string>;
  /** A unit's stage states (draft, submitted, returned), for the submit/return entries. */
  unitStatus?: Record<string, string>;
  userName: (id: string) => string | null;
}

/** One value, readable: points with a decimal comma, dates dd/mm/yyyy, stages and responses in words. */
function valueText(key: string, v: unknown, c: AuditCtx): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? c.a.yes : c.a.no;
  if (typeof v === 'number') return formatExact(String(v), c.lang);
  if (typeof v === 'string') {
    if (POINT_KEYS.has(key) && /^\d+(\.\d+)?$/.test(v)) return formatExact(v, c.lang);
    if (DATE_KEYS.has(key) && /^\d{4}-\d{2}-\d{2}/.test(v)) return fmtDate(v);
    if (key === 'status') return c.stage[v] ?? v;
    if (key === 'response') return c.a.responses[v] ?? v;
    if (key === 'userId') return c.userName(v) ?? v;
    return v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v.map((x) => (x && typeof x === 'object' && 'nodeCode' in x ? `${String((x as { nodeCode: unknown }).nodeCode)} (${String((x as { basis?: unknown }).basis ?? '')})` : valueText(key, x, c))).join('; ');
  }
  return objectText(v as Record<string, unknown>, c);
}

function objectText(o: Record<string, unknown>, c: AuditCtx): string {
  const parts = Object.entries(o)
    // userId is shown by name; skip it when the entry already carries the name.
    .filter(([k]) => k !== 'documentId' && k !== 'unitId' && !(k === 'userId' && 'name' in o))
    .map(([k, v]) => (k === 'userId' ? `${c.a.appraiser}: ${valueText(k, v, c)}` : `${c.a.fieldLabels[k] ?? k}: ${valueText(k, v, c)}`));
  return parts.join('; ') || '—';
}

/** before → after; keys unchanged on both sides are dropped so the change stands out. */
export function AuditChange({ entry, c: ctx }: { entry: AuditEntry; c: AuditCtx }) {
  const { before, after } = entry;
  // "status" of a unit's submission is draft/submitted/returned, not a cycle stage.
  const c = ctx.unitStatus && /^(self|explanation)\./.test(entry.action) ? { ...ctx, stage: ctx.unitStatus } : ctx;
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'documentId' && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (keys.length === 0) return <span className="work-muted">—</span>;
    return (
      <ul className="audit-change">
        {keys.map((k) => (
          <li key={k}>
            <span className="work-muted">{c.a.fieldLabels[k] ?? k}:</span> <del>{valueText(k, before[k], c)}</del> → <ins>{valueText(k, after[k], c)}</ins>
          </li>
        ))}
      </ul>
    );
  }
  const b = before === null || before === undefined ? null : valueText('', before, c);
  const a = after === null || after === undefined ? null : valueText('', after, c);
  if (b === null && a === null) return <span className="work-muted">—</span>;
  return (
    <span className="audit-change">
      {b !== null && <del>{b}</del>}
      {b !== null && a !== null && ' → '}
      {a !== null && <ins>{a}</ins>}
    </span>
  );
}
