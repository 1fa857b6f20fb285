// /policies/new and /policies/:id/edit — the policy editor: basic information, the rule builder (适用条件), dated
// parameters (参数), the benefit formula (补贴金额) and a live preview of whom the policy reaches; saving a policy
// makes a new version, and the server's field errors come back to the row they are about.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Form,
  Input,
  InputNumber,
  Row,
  Space,
  Switch,
  Typography,
} from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useBeforeUnload, useBlocker, useNavigate, useParams } from 'react-router-dom';
import type { Policy } from '@contracts/modules/policies/policies.contract.ts';
import { ApiError } from '../../app/api.ts';
import { errorText } from '../../app/errors.ts';
import { useLanguage } from '../../app/i18n.ts';
import { useSession } from '../../app/session.ts';
import { Page } from '../../components/Page.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import {
  checkDraft,
  definitionOut,
  draftFrom,
  editorPath,
  errorsAt,
  leafIndexes,
  newDraft,
  renameParam,
  type Draft,
  type FieldError,
} from './draft.ts';
import { EditorContext, type EditorContextValue } from './editorContext.ts';
import { FormulaEditor } from './FormulaEditor.tsx';
import { useRuleLookups } from './names.ts';
import { ParametersEditor } from './ParametersEditor.tsx';
import { mayEditPolicies } from './policies.access.ts';
import { usePolicy, usePolicyPreview, useSavePolicy } from './policies.api.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { FreeTextWarnings } from './FreeTextWarnings.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { exprText } from './words.ts';
import './policies.css';

const dedupe = (errors: FieldError[]): FieldError[] => {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\n${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** Scrolls to the element of the longest prefix of `path` that has one (a row, a group, a field). */
function scrollToPath(path: string): void {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.querySelector(`[data-path="${CSS.escape(parts.slice(0, n).join('.'))}"]`);
    if (el) {
      el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
  }
}

function Section({
  title,
  extra,
  children,
  path,
}: {
  title: string;
  extra?: ReactNode;
  children: ReactNode;
  path: string;
}) {
  return (
    <Card
      className="mtx-pol-section"
      title={<h2 className="mtx-card-heading">{title}</h2>}
      extra={extra}
      data-path={path}
    >
      {children}
    </Card>
  );
}

function Editor({ existing }: { existing: Policy | null }) {
  const { t, i18n } = useTranslation();
  const { lang } = useLanguage();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const lookups = useRuleLookups();
  const save = useSavePolicy(existing?.id);
  const initial = useMemo(
    () => (existing ? draftFrom(existing.definition, existing.code) : newDraft()),
    [existing],
  );
  const [draft, setDraftState] = useState<Draft>(initial);
  const [saveErrors, setSaveErrors] = useState<FieldError[]>([]);
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const [attempted, setAttempted] = useState(false);
  // set when a save succeeded, so that leaving for the saved policy is not taken for abandoning changes
  const saved = useRef(false);
  const asking = useRef(false);
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const setDraft = (next: Draft) => {
    setDraftState(next);
    // what the server said is about the draft it was sent; the live checks take over from here
    setSaveErrors([]);
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  const checked = useMemo(
    () =>
      checkDraft(draft, lookups.checkContext, !existing, {
        code: t('policies.editor.codeInvalid'),
        paramName: t('policies.params.nameInvalid'),
        paramDuplicate: (name) => t('policies.params.nameDuplicate', { name }),
        required: t('policies.editor.required'),
        pickOne: t('policies.editor.pickOne'),
      }),
    [draft, lookups.checkContext, existing, t],
  );
  const preview = usePolicyPreview(checked.definition, period);
  const previewErrors =
    checked.definition && preview.query.error instanceof ApiError
      ? preview.query.error.fields.map((f) => ({ path: editorPath(f.path), message: f.message }))
      : [];
  // before a first save, what is merely not filled in yet is not flagged; wrong units and references are
  const shown = dedupe([
    ...saveErrors,
    ...(attempted ? checked.errors : checked.errors.filter((e) => !e.blank)),
    ...previewErrors,
  ]);

  const leafIndex = useMemo(() => leafIndexes(draft.eligibility), [draft.eligibility]);
  const names = lookups.names(draft.parameters);
  const previewData = preview.query.data;
  const context: EditorContextValue = {
    names,
    subdistrictOptions: lookups.subdistrictOptions,
    buildingOptions: lookups.buildingOptions,
    tierOptions: lookups.tierOptions,
    fieldOptions: lookups.fieldOptions,
    honourOptions: lookups.honourOptions,
    parameters: draft.parameters,
    errors: shown,
    leafIndex,
    passes:
      previewData && previewData.leafPasses.length === leafIndex.size
        ? { counts: previewData.leafPasses, of: previewData.enterprises, stale: !preview.upToDate }
        : null,
  };

  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !saved.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useBeforeUnload((e) => {
    if (dirty && !saved.current) e.preventDefault();
  });
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('policies.editor.leaveTitle'),
      content: t('policies.editor.leaveText'),
      okText: t('policies.editor.leave'),
      cancelText: t('policies.editor.stay'),
      onOk: () => {
        asking.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);

  const onSave = async () => {
    setAttempted(true);
    setSaveMessage(null);
    if (!checked.definition) {
      void message.error(t('policies.editor.fixErrors'));
      const first = checked.errors[0];
      if (first) scrollToPath(first.path);
      return;
    }
    try {
      const result = await save.mutateAsync({
        code: existing ? undefined : draft.code,
        definition: checked.definition,
        note: draft.note.trim(),
      });
      saved.current = true;
      void message.success(
        existing
          ? t('policies.editor.savedVersion', { version: result.version })
          : t('policies.editor.created'),
      );
      navigate(`/policies/${result.id}`);
    } catch (e) {
      const text = errorText(t, e, i18n.language);
      setSaveMessage(text);
      if (e instanceof ApiError && e.fields.length > 0) {
        const fields = e.fields.map((f) => ({ path: editorPath(f.path), message: f.message }));
        setSaveErrors(fields);
        if (fields[0]) scrollToPath(fields[0].path);
      }
      void message.error(text);
    }
  };

  const fieldStatus = (path: string) => {
    const m = errorsAt(shown, path);
    return m.length ? { validateStatus: 'error' as const, help: m.join('；') } : {};
  };

  const title = existing
    ? t('policies.editor.editTitle', { name: existing.name })
    : t('policies.editor.newTitle');
  useDocumentTitle(title);

  const formulaWords = exprText(draft.formula, names, lang, t);
  const list = shown.filter((e) => attempted || saveErrors.includes(e) || previewErrors.includes(e));

  return (
    <Page
      title={title}
      crumbs={[
        { title: t('policies.title'), to: '/policies' },
        ...(existing ? [{ title: existing.name, to: `/policies/${existing.id}` }] : []),
        { title: existing ? t('policies.editor.editCrumb') : t('policies.editor.newCrumb') },
      ]}
      subTitle={existing ? t('policies.editor.nextVersion', { version: existing.version + 1 }) : undefined}
      extra={
        <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => void onSave()}>
          {existing ? t('policies.editor.saveVersion') : t('policies.editor.create')}
        </Button>
      }
    >
      <EditorContext.Provider value={context}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16} xxl={17}>
            {(saveMessage || list.length > 0) && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 16 }}
                message={saveMessage ?? t('policies.editor.fixErrors')}
                description={
                  list.length > 0 && (
                    <ul className="mtx-pol-error-list">
                      {list.map((e) => (
                        <li key={`${e.path}\n${e.message}`}>
                          <Typography.Link onClick={() => scrollToPath(e.path)}>
                            {pathLabel(e.path, leafIndex, t)}
                          </Typography.Link>
                          {t('policies.editor.colon')}
                          {e.message}
                        </li>
                      ))}
                    </ul>
                  )
                }
              />
            )}
            <Section title={t('policies.editor.basics')} path="basics">
              <Form layout="vertical" component="div" className="mtx-pol-basics">
                <Row gutter={16}>
                  {!existing && (
                    <Col xs={24} md={8} data-path="code">
                      <Form.Item
                        label={t('policies.attr.code')}
                        required
                        tooltip={t('policies.editor.codeHint')}
                        {...fieldStatus('code')}
                      >
                        <Input
                          value={draft.code}
                          onChange={(e) => set('code', e.target.value.trim())}
                          className="mtx-mono"
                          placeholder="rentSubsidy"
                          maxLength={40}
                        />
                      </Form.Item>
                    </Col>
                  )}
                  <Col xs={24} md={existing ? 12 : 8} data-path="name">
                    <Form.Item label={t('policies.attr.name')} required {...fieldStatus('name')}>
                      <Input
                        value={draft.name}
                        onChange={(e) => set('name', e.target.value)}
                        maxLength={80}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={existing ? 12 : 8} data-path="nameEn">
                    <Form.Item label={t('policies.attr.nameEn')} {...fieldStatus('nameEn')}>
                      <Input
                        value={draft.nameEn}
                        onChange={(e) => set('nameEn', e.target.value)}
                        maxLength={120}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} data-path="summary">
                    <Form.Item
                      label={t('policies.attr.summary')}
                      tooltip={t('policies.editor.summaryHint')}
                      {...fieldStatus('summary')}
                      extra={<FreeTextWarnings text={draft.summary} parameters={draft.parameters} />}
                    >
                      <Input.TextArea
                        value={draft.summary}
                        onChange={(e) => set('summary', e.target.value)}
                        autoSize={{ minRows: 2, maxRows: 6 }}
                        maxLength={1000}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} data-path="source">
                    <Form.Item
                      label={t('policies.attr.source')}
                      tooltip={t('policies.editor.sourceHint')}
                      {...fieldStatus('source')}
                      extra={<FreeTextWarnings text={draft.source} parameters={draft.parameters} />}
                    >
                      <Input
                        value={draft.source}
                        onChange={(e) => set('source', e.target.value)}
                        maxLength={300}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8} data-path="nearMissMargin">
                    <Form.Item
                      label={t('policies.attr.nearMissMargin')}
                      tooltip={t('policies.editor.marginHint')}
                      {...fieldStatus('nearMissMargin')}
                    >
                      <InputNumber<number>
                        value={draft.nearMissMarginPct}
                        onChange={(v) => set('nearMissMarginPct', v)}
                        min={0}
                        max={100}
                        suffix="%"
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8} data-path="noticeDays">
                    <Form.Item
                      label={t('policies.attr.noticeDays')}
                      tooltip={t('policies.editor.noticeHint')}
                      {...fieldStatus('noticeDays')}
                    >
                      <InputNumber<number>
                        value={draft.noticeDays}
                        onChange={(v) => set('noticeDays', v)}
                        precision={0}
                        suffix={t('policies.editor.daysSuffix')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item label={t('policies.attr.example')} tooltip={t('policies.exampleHint')}>
                      <Switch checked={draft.example} onChange={(v) => set('example', v)} />
                    </Form.Item>
                  </Col>
                </Row>
              </Form>
            </Section>

            <Section title={t('policies.editor.eligibility')} path="eligibility">
              <p className="mtx-muted mtx-pol-section-hint">{t('policies.editor.eligibilityHint')}</p>
              <RuleEditor
                value={draft.eligibility}
                onChange={(eligibility) => set('eligibility', eligibility)}
              />
            </Section>

            <Section title={t('policies.editor.parameters')} path="parameters">
              <p className="mtx-muted mtx-pol-section-hint">{t('policies.editor.parametersHint')}</p>
              <ParametersEditor
                value={draft.parameters}
                onChange={(parameters) => set('parameters', parameters)}
                onRename={(i, to) => {
                  const from = draft.parameters[i]?.name ?? '';
                  const unique = from !== '' && draft.parameters.filter((p) => p.name === from).length === 1;
                  if (unique && !draft.parameters.some((p) => p.name === to))
                    setDraft(renameParam(draft, from, to));
                  else
                    set(
                      'parameters',
                      draft.parameters.map((p, j) => (j === i ? { ...p, name: to } : p)),
                    );
                }}
              />
            </Section>

            <Section
              title={t('policies.editor.benefit')}
              path="benefit"
              extra={
                <Space size={8}>
                  <span>{t('policies.editor.qualifyOnly')}</span>
                  <Switch
                    checked={!draft.hasBenefit}
                    onChange={(v) => set('hasBenefit', !v)}
                    aria-label={t('policies.editor.qualifyOnly')}
                  />
                </Space>
              }
            >
              {draft.hasBenefit ? (
                <>
                  <div className="mtx-pol-formula-words" aria-live="polite">
                    <span className="mtx-muted">{t('policies.editor.amountIs')}</span> {formulaWords}
                  </div>
                  <FormulaEditor value={draft.formula} onChange={(formula) => set('formula', formula)} />
                  <p className="mtx-muted mtx-pol-section-hint" style={{ marginTop: 8 }}>
                    {t('policies.editor.formulaHint')}
                  </p>
                </>
              ) : (
                <Alert type="info" showIcon message={t('policies.editor.qualifyOnlyText')} />
              )}
            </Section>

            <Card className="mtx-pol-section" data-path="note">
              <Form layout="vertical" component="div">
                <Form.Item
                  label={existing ? t('policies.editor.versionNote') : t('policies.editor.createNote')}
                  {...fieldStatus('note')}
                >
                  <Input
                    value={draft.note}
                    onChange={(e) => set('note', e.target.value)}
                    maxLength={300}
                    placeholder={t('policies.editor.notePlaceholder')}
                  />
                </Form.Item>
              </Form>
              <Space wrap>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  loading={save.isPending}
                  onClick={() => void onSave()}
                >
                  {existing ? t('policies.editor.saveVersion') : t('policies.editor.create')}
                </Button>
                <Button onClick={() => navigate(existing ? `/policies/${existing.id}` : '/policies')}>
                  {t('common.cancel')}
                </Button>
              </Space>
            </Card>

            <Collapse
              className="mtx-pol-section"
              items={[
                {
                  key: 'json',
                  label: t('policies.editor.json'),
                  children: (
                    <pre className="mtx-pol-json" aria-label={t('policies.editor.json')}>
                      {JSON.stringify(definitionOut(draft), null, 2)}
                    </pre>
                  ),
                },
              ]}
            />
          </Col>
          <Col xs={24} xl={8} xxl={7}>
            <div className="mtx-pol-sticky">
              <PreviewPanel
                query={preview.query}
                upToDate={preview.upToDate}
                waiting={preview.waiting}
                complete={checked.definition !== null}
                issues={checked.errors.length}
                onShowIssues={() => {
                  setAttempted(true);
                  const first = checked.errors[0];
                  if (first) scrollToPath(first.path);
                }}
                period={period}
                onPeriod={setPeriod}
                hasBenefit={draft.hasBenefit}
              />
            </div>
          </Col>
        </Row>
      </EditorContext.Provider>
    </Page>
  );
}

/** Where an error is, in words: “适用条件 · 第 2 条”, “参数 rentRate”, “补贴金额”. */
function pathLabel(path: string, leafIndex: ReadonlyMap<string, number>, t: TFunction): string {
  const parts = path.split('.');
  const head = parts[0] ?? '';
  if (head === 'eligibility') {
    for (let n = parts.length; n > 0; n--) {
      const idx = leafIndex.get(parts.slice(0, n).join('.'));
      if (idx !== undefined)
        return `${t('policies.editor.eligibility')} · ${t('policies.editor.conditionNo', { n: idx + 1 })}`;
    }
    return t('policies.editor.eligibility');
  }
  if (head === 'parameters') return `${t('policies.editor.parameters')} · ${parts[1] ?? ''}`;
  if (head === 'parameterRows')
    return `${t('policies.editor.parameters')} · ${t('policies.params.row', { n: Number(parts[1] ?? 0) + 1 })}`;
  if (head === 'benefit') return t('policies.editor.benefit');
  if (
    ['code', 'name', 'nameEn', 'summary', 'source', 'example', 'nearMissMargin', 'noticeDays'].includes(head)
  )
    return t(`policies.attr.${head}`);
  if (head === 'note') return t('policies.editor.versionNote');
  return path;
}

export function PolicyEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useSession();
  const policy = usePolicy(id);
  if (!mayEditPolicies(user)) {
    return (
      <Page title={t('policies.title')}>
        <Alert type="warning" showIcon message={t('errors.FORBIDDEN')} />
      </Page>
    );
  }
  if (!id) return <Editor existing={null} />;
  return (
    <QueryState query={policy}>{(p) => <Editor key={`${p.id}:${p.version}`} existing={p} />}</QueryState>
  );
}
