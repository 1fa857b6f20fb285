// /home — the signed-in user's own start page: what an enterprise must do, a subdistrict's reporting, a department's
// targets and tasks; the plan office goes on to the overview.
import { Navigate } from 'react-router-dom';
import { useSession } from '../../app/session.ts';
import { homeKind } from './home.access.ts';
import { EnterpriseHome } from './EnterpriseHome.tsx';
import { SubdistrictHome } from './SubdistrictHome.tsx';
import { DepartmentHome } from './DepartmentHome.tsx';
import './home.css';

export function HomePage() {
  const { user } = useSession();
  if (!user) return null;
  switch (homeKind(user)) {
    case 'enterprise':
      return <EnterpriseHome user={user} />;
    case 'subdistrict':
      return <SubdistrictHome user={user} />;
    case 'department':
      return <DepartmentHome user={user} />;
    case 'overview':
      return <Navigate to="/monitoring" replace />;
  }
}
