// A drawer with one enterprise's explanation for one policy (GET /api/policies/:id/explain/:enterpriseId).
import { Drawer } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState.tsx';
import { useIsMobile } from '../../components/useIsMobile.ts';
import { ExplanationView } from './ExplanationView.tsx';
import { useExplanation } from './policies.api.ts';

export function ExplanationDrawer({
  policyId,
  enterpriseId,
  onClose,
}: {
  policyId: string;
  /** null: closed. */
  enterpriseId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const explanation = useExplanation(policyId, enterpriseId);
  return (
    <Drawer
      open={enterpriseId !== null}
      onClose={onClose}
      width={mobile ? '100%' : 640}
      title={explanation.data?.enterprise.name ?? t('policies.explain.title')}
      destroyOnHidden
    >
      {enterpriseId && (
        <QueryState query={explanation}>
          {(x) => <ExplanationView explanation={x} show="enterprise" />}
        </QueryState>
      )}
    </Drawer>
  );
}
