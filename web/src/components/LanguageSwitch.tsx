// The language switch (中文 ⇄ English) as a plain antd button, for frames without ProLayout (the public view, the
// help centre); it needs nothing of the signed-in frame, so it does not pull that frame into the public bundle.
import { Button, Tooltip } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLanguage, useLanguage } from '../app/i18n.ts';

export function LanguageSwitch({ className = 'mtx-header-action' }: { className?: string }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const next = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('common.switchLanguage')}>
      <Button
        type="text"
        className={className}
        icon={<GlobalOutlined />}
        onClick={() => void changeLanguage(next)}
        lang={next}
      >
        {lang === 'zh-CN' ? 'English' : '中文'}
      </Button>
    </Tooltip>
  );
}
