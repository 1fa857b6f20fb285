// The inbox web module: its page (signed in; the bell in the header links to it), for the one list in
// modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';
import { RequireAuth } from '../../app/RequireAuth.tsx';

export const inboxModule: WebModule = {
  name: 'inbox',
  routes: [
    {
      element: <RequireAuth />,
      children: [{ path: 'inbox', ...page(async () => (await import('./InboxPage.tsx')).InboxPage) }],
    },
  ],
};
