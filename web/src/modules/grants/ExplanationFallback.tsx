// A minimal rendering of an explanation tree (why an enterprise qualifies or not): one line per condition or group,
// ✓ met / ✗ not met / ? no data. Stand-in until modules/policies/ExplanationView.tsx exists; same props.
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Explanation, ExplanationNode } from '@contracts/modules/policies/policies.contract.ts';
import { useLanguage } from '../../app/i18n.ts';

function ResultIcon({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === true)
    return (
      <Tooltip title={t('grants.explanation.passed')}>
        <CheckCircleFilled
          className="mtx-expl-icon mtx-expl-pass"
          aria-label={t('grants.explanation.passed')}
        />
      </Tooltip>
    );
  if (passed === false)
    return (
      <Tooltip title={t('grants.explanation.failed')}>
        <CloseCircleFilled
          className="mtx-expl-icon mtx-expl-fail"
          aria-label={t('grants.explanation.failed')}
        />
      </Tooltip>
    );
  return (
    <Tooltip title={t('grants.explanation.unknown')}>
      <QuestionCircleFilled
        className="mtx-expl-icon mtx-expl-unknown"
        aria-label={t('grants.explanation.unknown')}
      />
    </Tooltip>
  );
}

function NodeLine({ node }: { node: ExplanationNode }) {
  const { pick } = useLanguage();
  return (
    <li>
      <div className="mtx-expl-line">
        <ResultIcon passed={node.passed} />
        <span className={node.children.length > 0 ? 'mtx-expl-group' : undefined}>
          {pick(node.text, node.textEn)}
        </span>
      </div>
      {node.children.length > 0 && (
        <ul className="mtx-expl-tree">
          {node.children.map((c, i) => (
            <NodeLine key={c.leaf ?? `g${i}`} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ExplanationFallback({ explanation }: { explanation: Explanation }) {
  const { t } = useTranslation();
  return (
    <div className="mtx-expl">
      <ul className="mtx-expl-tree mtx-expl-root">
        <NodeLine node={explanation.tree} />
      </ul>
      <Typography.Text type="secondary" className="mtx-expl-foot">
        {t('grants.explanation.basis', { period: explanation.period, version: explanation.version })}
      </Typography.Text>
    </div>
  );
}
