// The header's global search: enterprises by name or USCC, policies, key tasks and units, each as far as the user's
// access reaches (the server decides). Debounced; arrow keys and Enter pick a hit; "/" focuses the box.
import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Input, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLanguage } from '../../app/i18n.ts';
import { searchKinds } from '@contracts/modules/search/search.contract.ts';
import { useSearch, type SearchHit } from './home.api.ts';
import './home.css';

const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function GlobalSearch() {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const search = useSearch(q);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = q && search.data?.q === q ? search.data.items : [];
  const label = (h: SearchHit) => (h.titleEn ? pick(h.title, h.titleEn) : h.title);
  const options = searchKinds
    .map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) }))
    .filter((g) => g.hits.length > 0)
    .map((g) => ({
      label: t(`home.search.kind.${g.kind}`),
      options: g.hits.map((h) => ({
        value: h.link,
        label: (
          <div className="mtx-search-hit" data-kind={h.kind}>
            <span>{label(h)}</span>
            {h.detail && <small>{h.detail}</small>}
          </div>
        ),
      })),
    }));

  return (
    <AutoComplete
      className="mtx-search"
      value={text}
      options={options}
      onChange={setText}
      onSelect={(link: string) => {
        setText('');
        navigate(link);
      }}
      notFoundContent={q && search.data?.q === q ? t('home.search.empty') : null}
      popupMatchSelectWidth={360}
      defaultActiveFirstOption
    >
      <Input
        ref={input}
        allowClear
        size="middle"
        prefix={<SearchOutlined />}
        placeholder={t('home.search.placeholder')}
        aria-label={t('home.search.label')}
      />
    </AutoComplete>
  );
}
