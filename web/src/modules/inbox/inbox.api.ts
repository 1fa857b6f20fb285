// Queries and mutations of the inbox: the unread count (polled), a page of notifications, marking read.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  inboxSchema,
  markAllReadSchema,
  markReadSchema,
  unreadCountSchema,
  type Inbox,
} from '@contracts/modules/notifications/notifications.contract.ts';
import { api } from '../../app/api.ts';

export const inboxKeys = {
  all: ['inbox'] as const,
  count: ['inbox', 'count'] as const,
  list: (unreadOnly: boolean, page: number, pageSize: number) =>
    ['inbox', 'list', unreadOnly, page, pageSize] as const,
};

/** The unread count, asked again every minute and whenever the window regains focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: inboxKeys.count,
    queryFn: async () => (await api.get('/inbox/unread-count', unreadCountSchema)).unread,
    enabled,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: 'always',
    staleTime: 15_000,
  });
}

export function useInboxList(unreadOnly: boolean, page: number, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: inboxKeys.list(unreadOnly, page, pageSize),
    queryFn: () =>
      api.get('/inbox', inboxSchema, { unreadOnly: unreadOnly ? 'true' : undefined, page, pageSize }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 10_000,
  });
}

/** After marking: the server's new unread count goes straight into the badge; cached lists show the item read. */
function useAfterMark() {
  const qc = useQueryClient();
  return (unread: number, readId: string | 'all') => {
    qc.setQueryData(inboxKeys.count, unread);
    qc.setQueriesData<Inbox>({ queryKey: ['inbox', 'list'] }, (old) =>
      old
        ? {
            ...old,
            unread,
            items: old.items.map((i) => (readId === 'all' || i.id === readId ? { ...i, read: true } : i)),
          }
        : old,
    );
    void qc.invalidateQueries({ queryKey: ['inbox', 'list', true] });
  };
}

export function useMarkRead() {
  const after = useAfterMark();
  return useMutation({
    mutationFn: (id: string) => api.post(`/inbox/${encodeURIComponent(id)}/read`, {}, markReadSchema),
    onSuccess: (res, id) => after(res.unread, id),
  });
}

export function useMarkAllRead() {
  const after = useAfterMark();
  return useMutation({
    mutationFn: () => api.post('/inbox/read-all', {}, markAllReadSchema),
    onSuccess: (res) => after(res.unread, 'all'),
  });
}

/** A notification's link as an in-app path, or null: only same-site paths are followed. */
export function appPath(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  return link;
}
