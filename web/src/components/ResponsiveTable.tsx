// A list that is a table on a desktop and a column of cards on a phone (below 576px): each card shows the row's
// title (the first column, or `cardTitle`) and every other column as "label: value", so nothing hides behind a
// horizontal scroll and headers never wrap into two-line labels. Same columns, same data, same paging.
import type { Key, ReactNode } from 'react';
import { lazy, Suspense, useState, useSyncExternalStore } from 'react';
import { Button, Empty, Spin, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useLanguage } from '../app/i18n.ts';
import './responsive.css';

/** Below antd's `sm` breakpoint (576px), read synchronously so the first render already knows (useIsMobile's
 * breakpoint hook assumes a desktop until it has measured, which would fetch the table on a phone). */
const phoneQuery = '(max-width: 575.98px)';
function subscribe(onChange: () => void) {
  const list = window.matchMedia(phoneQuery);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}
const usePhone = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(phoneQuery).matches,
    () => false,
  );

/** The table loads only where it is shown (not on phones, which get the cards). */
const TableView = lazy(() => import('./ResponsiveTable.table.tsx')) as unknown as <T extends object>(
  props: TableProps<T>,
) => ReactNode;

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

/** Previous · page / pages · next (antd's Pagination would bring its size changer's Select along). */
function Pager({ page, pages, onChange }: { page: number; pages: number; onChange: (page: number) => void }) {
  const zh = useLanguage().lang === 'zh-CN';
  return (
    <nav className="mtx-rcards-pager" aria-label={zh ? '分页' : 'Pages'}>
      <Button
        icon={<LeftOutlined />}
        disabled={page <= 1}
        onClick={() => onChange(page - 1)}
        aria-label={zh ? '上一页' : 'Previous page'}
      />
      <span>
        {page} / {pages}
      </span>
      <Button
        icon={<RightOutlined />}
        disabled={page >= pages}
        onClick={() => onChange(page + 1)}
        aria-label={zh ? '下一页' : 'Next page'}
      />
    </nav>
  );
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
        <Pager page={page} pages={Math.ceil(dataSource.length / size)} onChange={setPage} />
      )}
    </div>
  );
}

export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const mobile = usePhone();
  if (mobile && props.cardsOnMobile !== false) return <Cards {...props} />;
  const { columns, dataSource, rowKey, cardsOnMobile: _ignored, ...rest } = props;
  return (
    <Suspense fallback={<Spin className="mtx-rcards-empty" style={{ display: 'block' }} />}>
      <TableView<T> {...rest} rowKey={rowKey} columns={columns} dataSource={[...dataSource]} />
    </Suspense>
  );
}
