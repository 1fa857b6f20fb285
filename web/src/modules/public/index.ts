// The public web module: the public overview and a target's public page, inside the '/public' frame
// (PublicLayout, mounted by router.tsx), for the one list in modules/index.ts.
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';

export const publicModule: WebModule = {
  name: 'public',
  publicRoutes: [
    { index: true, ...page(async () => (await import('./PublicOverviewPage.tsx')).PublicOverviewPage) },
    {
      path: 'targets/:code',
      ...page(async () => (await import('./PublicTargetPage.tsx')).PublicTargetPage),
    },
  ],
};
