// i18next set-up: zh-CN first, en-US second; the choice persists in localStorage and also drives antd, dayjs and zod.
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { z } from 'zod';
import { zhCN as zodZhCN, en as zodEn } from 'zod/locales';
import zhCN from './locales/zh-CN.json';
import enUS from './locales/en-US.json';
import { setApiLanguage } from './api.ts';
import { webModules } from '../modules/index.ts';

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
applySideEffects(initial);

// Each module keeps its own texts (modules/<m>/locales/<lang>.json, exported by its index); they merge over the
// shared ones.
function withModules(base: Record<string, unknown>, lang: Language): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const m of webModules) if (m.locales) Object.assign(merged, m.locales[lang]);
  return merged;
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: withModules(zhCN, 'zh-CN') },
    'en-US': { translation: withModules(enUS, 'en-US') },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not persisted; still switch for this visit
  }
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
