// A list that is a table on a desktop and a column of cards on a phone (below 576px): each card shows the row's
// title (the first column, or `cardTitle`) and every other column as "label: value", so nothing hides behind a
// horizontal scroll and headers never wrap into two-line labels. Same columns, same data, same paging.
import type { Key, ReactNode } from 'react';
import { useState } from 'react';
import { Empty, Pagination, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { useIsMobile } from './useIsMobile.ts';
import './responsive.css';

export type ResponsiveColumn<T> = ColumnType<T> & {
  /** Shown in the card's heading rather than as a labelled line (default: the first column). */
  cardTitle?: boolean;
  /** Left out of the cards (a column only a wide table needs, such as a row number). */
  cardHidden?: boolean;
};

export interface ResponsiveTableProps<T> extends Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey'> {
  columns: ResponsiveColumn<T>[];
  dataSource: readonly T[];
  rowKey: keyof T & string;
  /** Below 576px: cards (the default), or the table itself. */
  cardsOnMobile?: boolean;
}

function cellOf<T>(column: ResponsiveColumn<T>, row: T, index: number): ReactNode {
  const value =
    typeof column.dataIndex === 'string' ? (row as Record<string, unknown>)[column.dataIndex] : undefined;
  if (column.render) return column.render(value, row, index) as ReactNode;
  return value === null || value === undefined ? '' : String(value as string | number);
}

/** The cards: as many a page as the table's own paging shows, with a simple pager under them. */
function Cards<T>({ columns, dataSource, rowKey, pagination, locale }: ResponsiveTableProps<T>) {
  const [page, setPage] = useState(1);
  const size = pagination ? (pagination.pageSize ?? 10) : dataSource.length || 1;
  const shown = dataSource.slice((page - 1) * size, page * size);
  const visible = columns.filter((c) => !c.cardHidden);
  const titleColumn = visible.find((c) => c.cardTitle) ?? visible[0];
  const lines = visible.filter((c) => c !== titleColumn);
  if (dataSource.length === 0) {
    const empty = locale?.emptyText;
    return (
      <div className="mtx-rcards-empty">{typeof empty === 'function' ? empty() : (empty ?? <Empty />)}</div>
    );
  }
  return (
    <div className="mtx-rcards">
      <ul className="mtx-rcards-list">
        {shown.map((row, i) => {
          const index = (page - 1) * size + i;
          return (
            <li key={row[rowKey] as Key} className="mtx-rcard">
              {titleColumn && <div className="mtx-rcard-title">{cellOf(titleColumn, row, index)}</div>}
              <dl className="mtx-rcard-lines">
                {lines.map((c, j) => (
                  <div key={String(c.key ?? c.dataIndex ?? j)} className="mtx-rcard-line">
                    <dt>{c.title as ReactNode}</dt>
                    <dd>{cellOf(c, row, index)}</dd>
                  </div>
                ))}
              </dl>
            </li>
          );
        })}
      </ul>
      {dataSource.length > size && (
        <Pagination simple current={page} pageSize={size} total={dataSource.length} onChange={setPage} />
      )}
    </div>
  );
}

export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const mobile = useIsMobile();
  if (mobile && props.cardsOnMobile !== false) return <Cards {...props} />;
  const { columns, dataSource, rowKey, cardsOnMobile: _ignored, ...rest } = props;
  return <Table<T> {...rest} rowKey={rowKey} columns={columns} dataSource={dataSource} />;
}
