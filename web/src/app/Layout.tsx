// The application frame: ProLayout with a side menu filtered by role, the district as subtitle; the global search,
// inbox, user and language in the header.
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import {
  KeyOutlined,
  LoginOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useState } from 'react';
import { Button, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router-dom';
import type { SessionUser } from '@contracts/platform/auth/auth.contract.ts';
import { LinkButton } from '../components/LinkButton.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useIsMobile } from '../components/useIsMobile.ts';
import { Logo } from '../components/Logo.tsx';
import { InboxBell } from '../modules/inbox/InboxBell.tsx';
import { GlobalSearch } from '../modules/home/GlobalSearch.tsx';
import { ChangePasswordModal } from '../modules/users/ChangePasswordModal.tsx';
import { webModules } from '../modules/index.ts';
import { useLanguage } from './i18n.ts';
import { useLogout, useMeta, useSession } from './session.ts';

/** The side menu: each module's entries, in the order of modules/index.ts. */
function menuFor(user: SessionUser | null, t: (k: string) => string): MenuDataItem[] {
  return webModules.flatMap((m) => m.menu?.(user, t) ?? []);
}

export function AppLayout() {
  const { t } = useTranslation();
  const { pick } = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const { user } = useSession();
  const meta = useMeta();
  const logout = useLogout();
  const mobile = useIsMobile();
  const navigation = useNavigation();
  const [changingPassword, setChangingPassword] = useState(false);
  const district = meta.data ? pick(meta.data.district.name, meta.data.district.nameEn) : '';

  const actions = [<LanguageSwitch key="lang" />];
  if (user) actions.unshift(<InboxBell key="inbox" />);
  // The global search, for signed-in users: each finds what its role may see (the server decides). A phone's header
  // has no room for it beside the user's actions.
  if (user && !mobile) actions.unshift(<GlobalSearch key="search" />);
  // 帮助 opens the help centre for everyone (how each role works, the terms, FAQ); it links the API docs for developers.
  actions.push(
    <LinkButton
      key="help"
      to="/help"
      type="text"
      className="mtx-header-action"
      icon={<QuestionCircleOutlined />}
      aria-label={t('nav.help')}
    >
      <span className="mtx-hide-mobile">{t('nav.help')}</span>
    </LinkButton>,
  );
  if (!user) {
    actions.push(
      <LinkButton
        key="login"
        to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}
        type="primary"
        icon={<LoginOutlined />}
      >
        {t('auth.login')}
      </LinkButton>,
    );
  }

  return (
    <ProLayout
      title={t('app.name')}
      logo={<Logo size={28} />}
      layout="mix"
      fixSiderbar
      fixedHeader
      siderWidth={208}
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menuFor(user, t) }}
      menu={{ locale: false }}
      token={{
        header: { colorBgHeader: '#001529', colorHeaderTitle: '#fff', colorTextRightActionsItem: '#fff' },
        pageContainer: { paddingInlinePageContainerContent: mobile ? 12 : 40 },
      }}
      headerTitleRender={(logo) => (
        <Link to="/" className="mtx-brand" aria-label={t('app.name')}>
          {logo}
          <span className="mtx-brand-name">{t('app.name')}</span>
          {district && <span className="mtx-brand-sub">{district}</span>}
        </Link>
      )}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => actions}
      avatarProps={
        user
          ? {
              icon: <UserOutlined />,
              size: 'small',
              title: mobile ? undefined : (
                <Space size={4} className="mtx-user">
                  <span className="mtx-user-name">{user.displayName}</span>
                  <Tag color="gold" className="mtx-hide-mobile" style={{ marginInlineEnd: 0 }}>
                    {t(`users.role.${user.role}`)}
                  </Tag>
                </Space>
              ),
              render: (_props, dom) => (
                <Space size={4}>
                  <Tooltip
                    title={[user.unitName, user.enterpriseName].filter(Boolean).join(' · ') || undefined}
                  >
                    {dom}
                  </Tooltip>
                  <Button
                    type="text"
                    className="mtx-header-action"
                    icon={<KeyOutlined />}
                    aria-label={t('auth.changePassword')}
                    onClick={() => setChangingPassword(true)}
                  >
                    <span className="mtx-hide-mobile">{t('auth.changePassword')}</span>
                  </Button>
                  <Button
                    type="text"
                    className="mtx-header-action"
                    icon={<LogoutOutlined />}
                    aria-label={t('auth.logout')}
                    loading={logout.isPending}
                    onClick={() =>
                      logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
                    }
                  >
                    <span className="mtx-hide-mobile">{t('auth.logout')}</span>
                  </Button>
                </Space>
              ),
            }
          : undefined
      }
      footerRender={() => (
        <footer className="mtx-footer">
          {t('app.footer', { district: district || t('app.districtFallback') })}
          {meta.data?.version ? ` · v${meta.data.version}` : ''}
        </footer>
      )}
    >
      {navigation.state === 'loading' && (
        <div className="mtx-route-progress" role="progressbar" aria-label={t('common.loading')} />
      )}
      <Outlet />
      {user && <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />}
    </ProLayout>
  );
}
