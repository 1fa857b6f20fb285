// The help centre's texts, by language: kept out of the app's i18n resources (which every page loads) and imported
// by the help page only, so they travel with its chunk. The terms follow docs/glossary.md.
import zhCN from './content/zh-CN.json';
import enUS from './content/en-US.json';

export interface HelpContent {
  title: string;
  intro: string;
  toc: { roles: string; terms: string; faq: string; developers: string };
  roles: { title: string; items: { key: string; name: string; who: string; steps: string[] }[] };
  terms: { title: string; items: { term: string; text: string }[] };
  faq: { title: string; items: { q: string; a: string }[] };
  developers: { title: string; text: string; link: string };
}

export const helpContent: Record<'zh-CN' | 'en-US', HelpContent> = { 'zh-CN': zhCN, 'en-US': enUS };
