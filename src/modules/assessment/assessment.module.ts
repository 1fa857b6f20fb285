// The annual assessment's manifest (年度考核 and the monthly 讲评通报): its routes; it owns no job or subscription.
import type { Manifest } from '../deps.ts';
import { registerAssessmentRoutes } from './assessment.routes.ts';

export const assessmentModule: Manifest = {
  name: 'assessment',
  routes: (api, { db, now }) => registerAssessmentRoutes(api, { db, now }),
};
