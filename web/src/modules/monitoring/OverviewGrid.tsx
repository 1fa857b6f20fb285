// The overview's cards: three a row on an office screen, two on a tablet, one on a phone.
import { Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Overview } from '@contracts/modules/monitoring/monitoring.contract.ts';
import { TargetCard } from './TargetCard.tsx';
import './monitoring.css';

export function OverviewGrid({ data, targetPath }: { data: Overview; targetPath: (code: string) => string }) {
  const { t } = useTranslation();
  if (data.targets.length === 0) return <Empty description={t('monitoring.noTargets')} />;
  return (
    <Row gutter={[16, 16]}>
      {data.targets.map((target) => (
        <Col key={target.code} xs={24} md={12} lg={8}>
          <TargetCard target={target} deadline={data.deadline} to={targetPath(target.code)} />
        </Col>
      ))}
    </Row>
  );
}
