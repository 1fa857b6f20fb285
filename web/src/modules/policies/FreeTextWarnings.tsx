// Under a free-text field of the policy editor: the numbers it names that a parameter holds (or held), with why that
// is a risk — the text does not follow the parameter, while notices and decisions state the parameter itself.
import { Alert } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DraftParameter } from './draft.model.ts';
import { numberMentions } from './draft.text.ts';

export function FreeTextWarnings({ text, parameters }: { text: string; parameters: DraftParameter[] }) {
  const { t } = useTranslation();
  const found = numberMentions(text, parameters, dayjs().format('YYYY-MM-DD'));
  if (!found.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="mtx-pol-freetext"
      style={{ marginTop: 8 }}
      message={t('policies.editor.freeText.title')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {found.map((m) => (
            <li key={`${m.text}:${m.param}`}>
              {m.kind === 'holds'
                ? t('policies.editor.freeText.holds', {
                    number: m.text,
                    label: m.label,
                    current: `${m.current} ${m.unit}`,
                  })
                : t('policies.editor.freeText.stale', {
                    number: m.text,
                    label: m.label,
                    current: m.current === null ? '—' : `${m.current} ${m.unit}`,
                  })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
