// Display names of the registry's codes (fields, honours, statuses) in the current language.
import { useTranslation } from 'react-i18next';
import { fields, honourKinds } from '@contracts/modules/enterprises/enterprises.contract.ts';
import { useLanguage } from '../../app/i18n.ts';

const fieldByCode = new Map<string, { zh: string; en: string }>(fields.map((f) => [f.code, f]));
const honourByCode = new Map<string, { zh: string; en: string }>(honourKinds.map((h) => [h.code, h]));

export const statusColours: Record<string, string> = {
  active: 'green',
  movedOut: 'orange',
  closed: 'default',
};

export function useEnterpriseLabels() {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const field = (code: string) => {
    const f = fieldByCode.get(code);
    return f ? pick(f.zh, f.en) : code;
  };
  const honour = (code: string) => {
    const h = honourByCode.get(code);
    return h ? pick(h.zh, h.en) : code;
  };
  const status = (code: string) => t(`enterprises.status.${code}`, { defaultValue: code });
  return {
    field,
    honour,
    status,
    fieldOptions: fields.map((f) => ({ value: f.code, label: pick(f.zh, f.en) })),
    honourOptions: honourKinds.map((h) => ({ value: h.code, label: pick(h.zh, h.en) })),
    statusOptions: (['active', 'movedOut', 'closed'] as const).map((s) => ({ value: s, label: status(s) })),
  };
}
