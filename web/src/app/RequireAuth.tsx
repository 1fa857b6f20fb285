// Route guards: anonymous visitors go to /login (and come back after); a role without access sees 403, not a dead page.
import type { ReactNode } from 'react';
import { Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import type { Role } from '@contracts/platform/auth/auth.contract.ts';
import { useSession } from './session.ts';
import { roleAllowed } from './access.ts';
import { Forbidden } from './Forbidden.tsx';

export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children?: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <div className="mtx-center">
        <Spin size="large" />
      </div>
    );
  }
  if (!user)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // A new or reset account changes its password before anything else (the server answers 403 until then).
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
  if (roles && !roleAllowed(user, roles)) {
    return <Forbidden />;
  }
  return children ? <>{children}</> : <Outlet />;
}
