// The toolbar options and server-side paging every list table (ProTable) shows, in one place.
import type { TFunction } from 'i18next';

/** A reload button, no density or full-screen switch; the column setting only where a page asks for it. */
export function listOptions(reload: () => unknown, setting = false) {
  return { reload: () => void reload(), density: false, setting, fullScreen: false };
}

/** Paging by the server: 20, 50 or 100 a page and the total count; `onChange` where the page keeps its own state. */
export function listPagination(
  t: TFunction,
  paging: { page: number; pageSize: number; total: number | undefined },
  onChange?: (page: number, pageSize: number) => void,
) {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: paging.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (total: number) => t('common.totalItems', { total }),
    ...(onChange ? { onChange } : {}),
  };
}

/** The page-change handler of a table whose page and size live in two states: a new size starts again at page 1. */
export function pageSetter(
  pageSize: number,
  setPage: (page: number) => void,
  setPageSize: (pageSize: number) => void,
): (page: number, size: number) => void {
  return (p, s) => {
    setPage(s !== pageSize ? 1 : p);
    setPageSize(s);
  };
}
