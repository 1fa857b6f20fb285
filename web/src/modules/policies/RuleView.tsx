// A policy's rule in words: the conditions as a tree of sentences, the parameters with their dated values (the one
// in force today marked), and the benefit formula — what an official reads to check the policy says what it should.
import { Card, Descriptions, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PolicyDefinition } from '@contracts/modules/policies/rules.ts';
import { useLanguage } from '../../app/i18n.ts';
import { draftFrom, type DraftParameter } from './draft.ts';
import { percent } from './labels.tsx';
import { useRuleLookups } from './names.ts';
import { conditionWords, exprText, quantityText, unitText, valueInForce, type WordNode } from './words.ts';
import './policies.css';

function WordTree({ node }: { node: WordNode }) {
  const { t } = useTranslation();
  return (
    <li className={node.leaf === null ? 'mtx-pol-words-group' : 'mtx-pol-words-leaf'}>
      {node.leaf !== null && <span className="mtx-pol-leaf-no">{node.leaf + 1}</span>}
      <span>{node.text}</span>
      {node.generated && (
        <span className="mtx-muted" title={t('policies.rule.generated')}>
          {' '}
          （{node.generated}）
        </span>
      )}
      {node.children.length > 0 && (
        <ul>
          {node.children.map((c) => (
            <WordTree key={c.path} node={c} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function ParametersTable({ parameters }: { parameters: readonly DraftParameter[] }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Table<DraftParameter>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={[...parameters]}
      locale={{ emptyText: t('policies.params.none') }}
      columns={[
        { title: t('policies.params.label'), dataIndex: 'label', width: 200 },
        {
          title: t('policies.params.name'),
          dataIndex: 'name',
          width: 150,
          render: (v: string) => <span className="mtx-mono mtx-code">{v}</span>,
        },
        {
          title: t('policies.params.unit'),
          dataIndex: 'unit',
          width: 100,
          render: (u: string) => unitText(u, lang),
        },
        {
          title: t('policies.params.values'),
          key: 'values',
          render: (_, p) => {
            const current = valueInForce(p, today);
            const sorted = [...p.values].sort((a, b) => a.from.localeCompare(b.from));
            const inForce = sorted.filter((v) => v.from <= today).at(-1);
            return (
              <ul className="mtx-pol-param-list">
                {sorted.map((v) => (
                  <li key={v.from}>
                    {t('policies.params.fromDate', {
                      date: v.from,
                      value: quantityText(v.value, p.unit, lang),
                    })}
                    {v === inForce && current !== undefined && (
                      <Tag color="green" style={{ marginInlineStart: 8 }}>
                        {t('policies.params.inForce')}
                      </Tag>
                    )}
                  </li>
                ))}
              </ul>
            );
          },
        },
      ]}
    />
  );
}

export function RuleView({ definition }: { definition: PolicyDefinition }) {
  const { t } = useTranslation();
  const { lang } = useLanguage();
  const lookups = useRuleLookups();
  const draft = draftFrom(definition);
  const names = lookups.names(draft.parameters);
  const tree = conditionWords(draft.eligibility, names, lang, t);
  return (
    <div className="mtx-pol-ruleview">
      <Card size="small" title={<h2 className="mtx-card-heading">{t('policies.editor.eligibility')}</h2>}>
        <ul className="mtx-pol-words">
          <WordTree node={tree} />
        </ul>
      </Card>
      <Card size="small" title={<h2 className="mtx-card-heading">{t('policies.editor.benefit')}</h2>}>
        {draft.hasBenefit ? (
          <div className="mtx-pol-formula-words">
            <span className="mtx-muted">{t('policies.editor.amountIs')}</span>{' '}
            {exprText(draft.formula, names, lang, t)}
          </div>
        ) : (
          <span className="mtx-muted">{t('policies.editor.qualifyOnlyText')}</span>
        )}
      </Card>
      <Card
        size="small"
        title={<h2 className="mtx-card-heading">{t('policies.editor.parameters')}</h2>}
        styles={{ body: { padding: 0 } }}
      >
        <ParametersTable parameters={draft.parameters} />
      </Card>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('policies.attr.nearMissMargin')}>
            {percent(definition.nearMissMargin)}
          </Descriptions.Item>
          <Descriptions.Item label={t('policies.attr.noticeDays')}>
            {t('policies.rule.days', { count: definition.noticeDays })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
    </div>
  );
}
