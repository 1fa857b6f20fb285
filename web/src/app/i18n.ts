// i18next set-up: zh-CN first, en-US second; the choice persists in localStorage and also drives antd, dayjs and zod.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { zhCN as zodZhCN, en as zodEn } from 'zod/locales';
import zhCN from './locales/zh-CN.json';
import { setApiLanguage } from './api.ts';
import { webModules } from '../modules/index.ts';
import type { WebModule } from './module.ts';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'mtx.language';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(storageKey);
    if (v === 'zh-CN' || v === 'en-US') return v;
  } catch {
    // storage may be unavailable (private mode); fall back to Chinese
  }
  return 'zh-CN';
}

function applySideEffects(lang: Language): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  z.config(lang === 'zh-CN' ? zodZhCN() : zodEn());
  setApiLanguage(lang);
  document.documentElement.lang = lang;
}

const initial = storedLanguage();
applySideEffects('zh-CN');

// Each module keeps its own texts (modules/<m>/locales/<lang>.json, exported by its index); they merge over the
// shared ones. Chinese is in the first load unless the module marks it lazy (docs/performance.md); English is
// fetched the first time it is chosen.
function withModules(base: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const m of webModules) {
    const zh = m.locales?.['zh-CN'];
    if (zh && typeof zh !== 'function') Object.assign(merged, zh);
  }
  return merged;
}

const lazyChinese = new Map<string, Promise<void>>();
/** Fetches the lazy Chinese texts of these modules (each once); resolves at once for modules that have none. */
export async function loadModuleTexts(modules: readonly WebModule[]): Promise<void> {
  await Promise.all(
    modules.map((m) => {
      const zh = m.locales?.['zh-CN'];
      if (typeof zh !== 'function') return undefined;
      let loading = lazyChinese.get(m.name);
      if (!loading) {
        loading = zh().then((texts) => {
          i18n.addResourceBundle('zh-CN', 'translation', texts.default, true, true);
        });
        lazyChinese.set(m.name, loading);
      }
      return loading;
    }),
  );
}

let english: Promise<void> | undefined;
/** Loads the English texts (shared and every module's) once. */
function loadEnglish(): Promise<void> {
  english ??= (async () => {
    const [shared, ...parts] = await Promise.all([
      import('./locales/en-US.json'),
      ...webModules.flatMap((m) => (m.locales ? [m.locales['en-US']()] : [])),
    ]);
    const merged: Record<string, unknown> = { ...shared.default };
    for (const p of parts) Object.assign(merged, p.default);
    i18n.addResourceBundle('en-US', 'translation', merged, true, true);
  })();
  return english;
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: withModules(zhCN) } },
  // An English visitor sees Chinese until the English texts arrive (one request, then switched).
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
if (initial === 'en-US')
  void loadEnglish().then(() => {
    applySideEffects('en-US');
    return i18n.changeLanguage('en-US');
  });

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not persisted; still switch for this visit
  }
  if (lang === 'en-US') await loadEnglish();
  applySideEffects(lang);
  await i18n.changeLanguage(lang);
}

/** The current language and a picker between a record's Chinese and English names. */
export function useLanguage(): {
  lang: Language;
  isEn: boolean;
  pick: (zh: string, en: string | null | undefined) => string;
} {
  const { i18n: inst } = useTranslation();
  const lang: Language = inst.language === 'en-US' ? 'en-US' : 'zh-CN';
  const isEn = lang === 'en-US';
  return { lang, isEn, pick: (zh, en) => (isEn && en ? en : zh) };
}

export default i18n;
