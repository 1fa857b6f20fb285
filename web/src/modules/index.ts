// The one list of web modules: router.tsx mounts their routes, Layout.tsx shows their menu entries in this order,
// i18n.ts merges their texts. Adding a module is one line here (its modules/<m>/index.ts).
import type { WebModule } from '../app/module.ts';
import { homeModule } from './home/index.tsx';
import { monitoringModule } from './monitoring/index.ts';
import { planModule } from './plan/index.tsx';
import { unitsModule } from './units/index.tsx';
import { enterprisesModule } from './enterprises/index.ts';
import { reportsModule } from './reports/index.ts';
import { policiesModule } from './policies/index.ts';
import { grantsModule } from './grants/index.ts';
import { supervisionModule } from './supervision/index.ts';
import { serviceDeskModule } from './servicedesk/index.ts';
import { meetingsModule } from './meetings/index.ts';
import { assessmentModule } from './assessment/index.ts';
import { usersModule } from './users/index.tsx';
import { auditModule } from './audit/index.tsx';
import { backupsModule } from './backups/index.tsx';
import { inboxModule } from './inbox/index.tsx';
import { publicModule } from './public/index.ts';
import { helpModule } from './help/index.tsx';

export const webModules: readonly WebModule[] = [
  homeModule,
  monitoringModule,
  planModule,
  unitsModule,
  enterprisesModule,
  reportsModule,
  policiesModule,
  grantsModule,
  supervisionModule,
  serviceDeskModule,
  meetingsModule,
  assessmentModule,
  usersModule,
  auditModule,
  backupsModule,
  inboxModule,
  publicModule,
  helpModule,
];
