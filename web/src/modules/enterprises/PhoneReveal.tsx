// A contact phone as staff are shown it — masked (138****5678) — with a link that reads the full number from the
// server (GET /api/enterprises/:id/contact, recorded in the audit log) and then offers it as a tel: link.
import { useState } from 'react';
import { Button, Space, Tooltip } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fetchEnterpriseContact } from './enterprises.api.ts';

export function PhoneReveal({ enterpriseId, phone }: { enterpriseId: string; phone: string }) {
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
            fetchEnterpriseContact(enterpriseId)
              .then((c) => setFull(c.contactPhone))
              .finally(() => setLoading(false));
          }}
        />
      </Tooltip>
    </Space>
  );
}
