// The public view's own light frame: brand, district, links to the overview and the plan, language, sign-in. No side menu.
import { Space } from 'antd';
import { LoginOutlined, DashboardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigation } from 'react-router-dom';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useLanguage } from '../../app/i18n.ts';
import { useMeta, useSession } from '../../app/session.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { Logo } from '../../components/Logo.tsx';
import './public.css';

export function PublicLayout() {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const meta = useMeta();
  const { user } = useSession();
  const navigation = useNavigation();
  const district = meta.data ? pick(meta.data.district.name, meta.data.district.nameEn) : '';
  return (
    <div className="mtx-pub">
      <header className="mtx-pub-header">
        <div className="mtx-pub-bar">
          <Link to="/public" className="mtx-pub-brand" aria-label={t('public.title')}>
            <Logo size={30} />
            <span className="mtx-pub-brand-name">{t('app.name')}</span>
            {district && <span className="mtx-pub-brand-sub">{district}</span>}
          </Link>
          <nav className="mtx-pub-nav" aria-label={t('public.navLabel')}>
            <NavLink to="/public" end>
              {t('public.navOverview')}
            </NavLink>
            <NavLink to="/plan">{t('public.navPlan')}</NavLink>
            <NavLink to="/public/notices">{t('grants.notices.nav')}</NavLink>
            <NavLink to="/public/service-desk">{t('public.navServiceDesk')}</NavLink>
            <NavLink to="/public/help">{t('help.navShort')}</NavLink>
          </nav>
          <Space size={4} className="mtx-pub-actions">
            <LanguageSwitch className="mtx-pub-lang" />
            {user ? (
              <LinkButton to="/monitoring" type="primary" icon={<DashboardOutlined />}>
                <span className="mtx-hide-mobile">{t('public.toWorkspace')}</span>
              </LinkButton>
            ) : (
              <LinkButton to="/login?next=%2Fmonitoring" type="primary" icon={<LoginOutlined />}>
                <span className="mtx-hide-mobile">{t('auth.login')}</span>
              </LinkButton>
            )}
          </Space>
        </div>
      </header>
      {navigation.state === 'loading' && (
        <div className="mtx-route-progress" role="progressbar" aria-label={t('common.loading')} />
      )}
      <main className="mtx-pub-main">
        <Outlet />
      </main>
      <footer className="mtx-footer">
        {t('public.footer', { district: district || t('app.districtFallback') })}
        {meta.data?.version ? ` · v${meta.data.version}` : ''}
      </footer>
    </div>
  );
}
