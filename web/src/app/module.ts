// The web module manifest: what a module adds to the app (routes, menu entries, access, texts), exported from
// modules/<m>/index.ts and listed once in modules/index.ts; router.tsx, Layout.tsx and i18n.ts loop over the list.
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { MenuDataItem } from '@ant-design/pro-components';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';

export type Texts = Record<string, unknown>;
/** Texts fetched when first needed (a JSON module behind a dynamic import). */
export type LazyTexts = () => Promise<{ default: Texts }>;

export interface WebModule {
  name: string;
  /** Children of the signed-in layout ('/'). Each guards itself (RequireAuth), so they may sit anywhere under it. */
  routes?: RouteObject[];
  /** Children of the public frame ('/public'), before its '*' route. */
  publicRoutes?: RouteObject[];
  /** The module's side-menu entries; the menu shows modules in list order. */
  menu?: (user: SessionUser | null, t: (key: string) => string) => MenuDataItem[];
  /** Texts under the module's own top-level keys, merged over the shared ones (modules/<m>/locales/<lang>.json). */
  locales?: {
    /**
     * Chinese: in the first load (a public page or a shared component uses them), or lazy for a module whose pages
     * are all signed-in or its own: they are then fetched before its routes' pages and the signed-in frame render.
     */
    'zh-CN': Texts | LazyTexts;
    /** English is loaded when someone switches to it: Chinese-first pages never download it. */
    'en-US': LazyTexts;
  };
  /** Who may do what in the module's pages (<m>.access.ts; mirrors the server's policy, which decides). */
  access?: object;
}

/** A lazy route: the page's module is fetched when the route is first visited. */
export const page = (load: () => Promise<ComponentType>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: await load() }),
});
