// /help and /public/help: the help centre for everyone, signed in or not — how each role uses the platform, the
// plan's terms (上星, 瞪羚, 差一点, 免申即享, 公示 …), frequent questions, and the API docs for developers.
import { Card, Col, Collapse, Row } from 'antd';
import { ApiOutlined } from '@ant-design/icons';
import { useLanguage } from '../../app/i18n.ts';
import { useDocumentTitle } from '../../components/useDocumentTitle.ts';
import { PublicPage } from '../public/PublicPage.tsx';
import { helpContent } from './help.content.ts';
import './help.css';

export function HelpPage() {
  const { lang } = useLanguage();
  const c = helpContent[lang];
  useDocumentTitle(c.title);
  return (
    <PublicPage title={c.title}>
      <p className="mtx-help-intro">{c.intro}</p>
      <nav className="mtx-help-toc" aria-label={c.title}>
        {(['roles', 'terms', 'faq', 'developers'] as const).map((k) => (
          <a key={k} href={`#help-${k}`}>
            {c.toc[k]}
          </a>
        ))}
      </nav>

      <section id="help-roles" className="mtx-help-section">
        <h2>{c.roles.title}</h2>
        <Row gutter={[16, 16]}>
          {c.roles.items.map((role) => (
            <Col key={role.key} xs={24} md={12} xl={8}>
              <Card size="small" className="mtx-help-role" title={<h3>{role.name}</h3>}>
                <p className="mtx-muted">{role.who}</p>
                <ul>
                  {role.steps.map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ul>
              </Card>
            </Col>
          ))}
        </Row>
      </section>

      <section id="help-terms" className="mtx-help-section">
        <h2>{c.terms.title}</h2>
        <dl className="mtx-help-terms">
          {c.terms.items.map((term) => (
            <div key={term.term} className="mtx-help-term">
              <dt>{term.term}</dt>
              <dd>{term.text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section id="help-faq" className="mtx-help-section">
        <h2>{c.faq.title}</h2>
        <Collapse
          items={c.faq.items.map((item, i) => ({ key: String(i), label: item.q, children: <p>{item.a}</p> }))}
        />
      </section>

      <section id="help-developers" className="mtx-help-section">
        <h2>{c.developers.title}</h2>
        <p>{c.developers.text}</p>
        <a href="/api/docs" target="_blank" rel="noreferrer" className="mtx-help-api">
          <ApiOutlined /> {c.developers.link}
        </a>
      </section>
    </PublicPage>
  );
}
