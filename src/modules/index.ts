// The one list of server modules: server.ts registers their routes and cli.ts runs their jobs and subscriptions from
// it. Adding a module is one line here (its manifest, src/modules/<m>/<m>.module.ts); order is route order.
import type { Manifest } from './deps.ts';
import { planModule } from './plan/plan.module.ts';
import { unitsModule } from './units/units.module.ts';
import { enterprisesModule } from './enterprises/enterprises.module.ts';
import { usersModule } from './users/users.module.ts';
import { reportsModule } from './reports/reports.module.ts';
import { monitoringModule } from './monitoring/monitoring.module.ts';
import { notificationsModule } from './notifications/notifications.module.ts';
import { policiesModule } from './policies/policies.module.ts';
import { grantsModule } from './grants/grants.module.ts';
import { searchModule } from './search/search.module.ts';
import { supervisionModule } from './supervision/supervision.module.ts';
import { meetingsModule } from './meetings/meetings.module.ts';
import { assessmentModule } from './assessment/assessment.module.ts';
import { serviceDeskModule } from './servicedesk/servicedesk.module.ts';
import { spaceModule } from './space/space.module.ts';
import { housekeepingModule } from '../platform/housekeeping.module.ts';

export const modules: readonly Manifest[] = [
  planModule,
  unitsModule,
  enterprisesModule,
  usersModule,
  reportsModule,
  monitoringModule,
  notificationsModule,
  policiesModule,
  grantsModule,
  searchModule,
  supervisionModule,
  meetingsModule,
  assessmentModule,
  serviceDeskModule,
  spaceModule,
  // The platform's daily housekeeping (throttle counters, delivered events): jobs only.
  housekeepingModule,
];
