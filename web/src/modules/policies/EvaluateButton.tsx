// 重新评估: runs every active policy now and says how many policies and enterprises it evaluated, in how long.
import { App, Button, Tooltip } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { formatCount } from '../../components/format.ts';
import { useEvaluatePolicies } from './policies.api.ts';

/** `hint`: with the tooltip that explains when a run is needed (the list's toolbar). */
export function EvaluateButton({ size, hint = false }: { size?: 'small'; hint?: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const { message } = App.useApp();
  const showError = useShowError();
  const evaluate = useEvaluatePolicies();
  const button = (
    <Button
      size={size}
      icon={<SyncOutlined />}
      loading={evaluate.isPending}
      onClick={() =>
        evaluate.mutate(undefined, {
          onSuccess: (r) =>
            void message.success(
              t('policies.evaluated', {
                policies: r.policies,
                enterprises: formatCount(r.enterprises, lang),
                period: r.period,
                seconds: (r.durationMs / 1000).toFixed(1),
              }),
            ),
          onError: showError,
        })
      }
    >
      {t('policies.evaluate')}
    </Button>
  );
  return hint ? <Tooltip title={t('policies.evaluateHint')}>{button}</Tooltip> : button;
}
