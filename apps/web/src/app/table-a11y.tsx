/**
 * Table pieces Ant Design leaves unnamed: the header of a column of buttons (axe
 * `empty-table-header`) and the "select all" checkbox, which antd labels in English and also copies
 * into its hidden measure row, where a focusable input breaks `aria-hidden-focus`.
 */
import { cloneElement, isValidElement, useContext, type ReactNode } from 'react';
// antd's own flag for "rendering inside the measure row" (its Tooltip and filter use it too).
import TableMeasureRowContext from 'antd/es/table/TableMeasureRowContext';
import { useI18n } from './i18n.tsx';

/** A column header read by screen readers only ("Thao tác"). */
export function ActionsHeader() {
  const { t } = useI18n();
  return <span className="visually-hidden">{t.colActions}</span>;
}

function SelectAll({ checkbox }: { checkbox: ReactNode }) {
  const { t } = useI18n();
  if (useContext(TableMeasureRowContext)) return null;
  return isValidElement<{ 'aria-label'?: string }>(checkbox) ? cloneElement(checkbox, { 'aria-label': t.selectAllRows }) : checkbox;
}

/** `rowSelection.columnTitle`: the select-all checkbox, named in the page's language, absent from the measure row. */
export const selectAllTitle = (checkbox: ReactNode) => <SelectAll checkbox={checkbox} />;
