// A contact phone as staff are shown it — masked (138****5678) — with a link that reads the full number from the
// server (GET /api/enterprises/:id/contact, or the `load` given — e.g. a service-desk request's contact — each
// recorded in the audit log) and then offers it as a tel: link.
import { useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fetchEnterpriseContact } from './enterprises.api.ts';

export function PhoneReveal({
  enterpriseId,
  phone,
  load,
}: {
  enterpriseId?: string;
  phone: string;
  /** Reads the full number (an audited read); the enterprise's contact when not given. */
  load?: () => Promise<string>;
}) {
  const { t } = useTranslation();
  const [full, setFull] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!phone) return <>—</>;
  const shown = full ?? phone;
  if (full !== null || !phone.includes('*')) return <a href={`tel:${shown}`}>{shown}</a>;
  return (
    <Space size={4}>
      <span>{phone}</span>
      <Tooltip title={t('enterprises.revealPhoneHint')}>
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={loading}
          aria-label={t('enterprises.revealPhone')}
          onClick={() => {
            setLoading(true);
            (load ? load() : fetchEnterpriseContact(enterpriseId!).then((c) => c.contactPhone))
              .then(setFull)
              .finally(() => setLoading(false));
          }}
        />
      </Tooltip>
    </Space>
  );
}
