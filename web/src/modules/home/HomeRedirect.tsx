// Where "/" leads: each signed-in role to its own home (the plan office to the overview), the public to the plan.
import { Spin } from 'antd';
import { Navigate } from 'react-router-dom';
import { useSession } from '../../app/session.ts';
import { homePath } from './home.access.ts';

export function HomeRedirect() {
  const { user, loading } = useSession();
  if (loading) {
    return (
      <div className="mtx-center">
        <Spin size="large" />
      </div>
    );
  }
  return <Navigate to={user ? homePath(user) : '/plan'} replace />;
}
