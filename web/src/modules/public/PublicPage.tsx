// The public pages' frame: heading, breadcrumbs, tags, extra and content as components/Page.tsx lays them out, in
// plain markup — Page's PageContainer would bring pro-components into the public first load (docs/performance.md).
import type { JSX, ReactNode } from 'react';
import { Spin } from 'antd';
import { Link } from 'react-router-dom';
import type { Crumb } from '../../components/Page.tsx';
import './page.css';

export function PublicPage(props: {
  title: ReactNode;
  crumbs?: Crumb[];
  subTitle?: ReactNode;
  tags?: JSX.Element;
  extra?: ReactNode;
  loading?: boolean;
  children?: ReactNode;
  content?: ReactNode;
}) {
  const crumbs = props.crumbs ?? [];
  return (
    <div className="mtx-ppage">
      {crumbs.length > 0 && (
        <nav className="mtx-ppage-crumbs" aria-label="breadcrumb">
          {crumbs.map((c, i) => (
            <span key={i}>
              {i > 0 && <span className="mtx-ppage-sep">/</span>}
              {c.to ? <Link to={c.to}>{c.title}</Link> : <span aria-current="page">{c.title}</span>}
            </span>
          ))}
        </nav>
      )}
      <div className="mtx-ppage-head">
        <div className="mtx-ppage-heading">
          <h1 className="mtx-page-title">{props.title}</h1>
          {props.tags && <span className="mtx-ppage-tags">{props.tags}</span>}
          {props.subTitle && <span className="mtx-ppage-sub">{props.subTitle}</span>}
        </div>
        {props.extra && <div className="mtx-ppage-extra">{props.extra}</div>}
      </div>
      {props.content && <div className="mtx-ppage-content">{props.content}</div>}
      {props.loading ? (
        <div className="mtx-center" style={{ minHeight: 200 }}>
          <Spin />
        </div>
      ) : (
        props.children
      )}
    </div>
  );
}
