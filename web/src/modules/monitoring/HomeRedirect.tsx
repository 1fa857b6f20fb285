// Where "/" leads: the monitoring overview for a signed-in user, the plan for the public.
import { Spin } from 'antd';
import { Navigate } from 'react-router-dom';
import { useSession } from '../../app/session.ts';

export function HomeRedirect() {
  const { user, loading } = useSession();
  if (loading) {
    return (
      <div className="mtx-center">
        <Spin size="large" />
      </div>
    );
  }
  return <Navigate to={user ? '/monitoring' : '/plan'} replace />;
}
