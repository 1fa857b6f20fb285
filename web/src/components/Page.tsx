// A page frame: PageContainer with a heading and breadcrumbs whose links go through the router.
import type { JSX, ReactNode } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

export function Page(props: {
  title: ReactNode;
  crumbs?: Crumb[];
  subTitle?: ReactNode;
  tags?: JSX.Element;
  extra?: ReactNode;
  loading?: boolean;
  children?: ReactNode;
  content?: ReactNode;
}) {
  const items = (props.crumbs ?? []).map((c, i) => ({
    key: i,
    title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title,
  }));
  return (
    <PageContainer
      title={<h1 className="mtx-page-title">{props.title}</h1>}
      subTitle={props.subTitle}
      tags={props.tags}
      extra={props.extra}
      content={props.content}
      loading={props.loading}
      header={{ breadcrumb: items.length > 0 ? { items } : {} }}
    >
      {props.children}
    </PageContainer>
  );
}
