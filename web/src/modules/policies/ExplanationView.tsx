// Why an enterprise does or does not qualify for a policy: the summary sentence, the amount, and every condition as a
// nested list marked ✓ / ✗ / ? (no data). Reusable: the policy page's drawer and the enterprise's own page show it.
import { Alert, Descriptions, Tag } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Explanation, ExplanationNode } from '@contracts/modules/policies/policies.contract.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useMoney } from './labels.tsx';
import './policies.css';

export function PassIcon({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === true)
    return (
      <CheckCircleFilled
        className="mtx-pol-pass"
        role="img"
        aria-label={`✓ ${t('policies.explain.passed')}`}
      />
    );
  if (passed === false)
    return (
      <CloseCircleFilled
        className="mtx-pol-fail"
        role="img"
        aria-label={`✗ ${t('policies.explain.failed')}`}
      />
    );
  return (
    <QuestionCircleFilled
      className="mtx-pol-unknown"
      role="img"
      aria-label={`? ${t('policies.explain.unknown')}`}
    />
  );
}

function NodeItem({ node, nearMissLeaf }: { node: ExplanationNode; nearMissLeaf: number | null }) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const isGroup = node.leaf === null;
  return (
    <li className={isGroup ? 'mtx-pol-explain-group' : 'mtx-pol-explain-leaf'}>
      <div className="mtx-pol-explain-line">
        <PassIcon passed={node.passed} />
        <span className={isGroup ? 'mtx-pol-explain-group-text' : undefined}>
          {pick(node.text, node.textEn)}
        </span>
        {node.leaf !== null && node.leaf === nearMissLeaf && (
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {t('policies.explain.nearMissTag')}
          </Tag>
        )}
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c, i) => (
            <NodeItem key={i} node={c} nearMissLeaf={nearMissLeaf} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Just the conditions, ✓ / ✗ / ? each (for pages that show the verdict and amount themselves). */
export function ExplanationTree({ explanation: x }: { explanation: Explanation }) {
  return (
    <ul className="mtx-pol-explain-tree">
      <NodeItem node={x.tree} nearMissLeaf={x.nearMiss?.leaf ?? null} />
    </ul>
  );
}

/**
 * An explanation: `show` picks what the header names — the enterprise (on a policy's page), the policy (on an
 * enterprise's page), or both.
 */
export function ExplanationView({
  explanation: x,
  show = 'both',
}: {
  explanation: Explanation;
  show?: 'enterprise' | 'policy' | 'both';
}) {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const money = useMoney();
  return (
    <div className="mtx-pol-explain">
      <Alert
        type={x.eligible ? 'success' : x.nearMiss ? 'warning' : 'error'}
        showIcon
        message={pick(x.summary, x.summaryEn)}
        style={{ marginBottom: 12 }}
      />
      <Descriptions size="small" column={1} bordered className="mtx-pol-explain-meta">
        {show !== 'policy' && (
          <Descriptions.Item label={t('policies.explain.enterprise')}>
            <Link to={`/enterprises/${x.enterprise.id}`}>{x.enterprise.name}</Link>
            <span className="mtx-muted mtx-mono" style={{ marginInlineStart: 8 }}>
              {x.enterprise.uscc}
            </span>
          </Descriptions.Item>
        )}
        {show !== 'enterprise' && (
          <Descriptions.Item label={t('policies.explain.policy')}>
            <Link to={`/policies/${x.policyId}`}>{x.policyName}</Link>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('policies.explain.basis')}>
          {t('policies.explain.basisText', { period: x.period, version: x.version })}
        </Descriptions.Item>
        {x.eligible && (
          <Descriptions.Item label={t('policies.explain.amount')}>
            {x.amount === null ? t('policies.noBenefit') : <strong>{money(x.amount)}</strong>}
          </Descriptions.Item>
        )}
      </Descriptions>
      {x.nearMiss && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          message={t('policies.explain.nearMiss', { text: x.nearMiss.text })}
        />
      )}
      <h3 className="mtx-h3" style={{ marginTop: 16 }}>
        {t('policies.explain.conditions')}
      </h3>
      <ExplanationTree explanation={x} />
    </div>
  );
}
