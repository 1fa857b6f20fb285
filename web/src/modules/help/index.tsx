// The help web module: the help centre at /help (in the signed-in frame, open to everyone like the plan) and at
// /public/help (in the public frame), with a side-menu entry for every role, for the one list in modules/index.ts.
import { QuestionCircleOutlined } from '@ant-design/icons';
import type { WebModule } from '../../app/module.ts';
import { page } from '../../app/module.ts';
import zhCN from './locales/zh-CN.json';

const helpPage = page(async () => (await import('./HelpPage.tsx')).HelpPage);

export const helpModule: WebModule = {
  name: 'help',
  routes: [{ path: 'help', ...helpPage }],
  publicRoutes: [{ path: 'help', ...helpPage }],
  menu: (_user, t) => [{ path: '/help', name: t('help.nav'), icon: <QuestionCircleOutlined /> }],
  locales: { 'zh-CN': zhCN, 'en-US': () => import('./locales/en-US.json') },
};
