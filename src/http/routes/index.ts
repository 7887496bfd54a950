import type { Services } from '../../services/index.js';
import type { RouteSpec } from '../route.js';
import { adminRoutes } from './admin-routes.js';
import { appointmentRoutes } from './appointment-routes.js';
import { authRoutes } from './auth-routes.js';
import { caseRoutes } from './case-routes.js';
import { craftsmanRoutes } from './craftsman-routes.js';
import { complaintRoutes } from './complaint-routes.js';
import { enterpriseRoutes } from './enterprise-routes.js';
import { matchingRoutes } from './matching-routes.js';
import { notificationRoutes } from './notification-routes.js';
import { orderRoutes } from './order-routes.js';
import { pairingRoutes } from './pairing-routes.js';
import { profileChangeRoutes } from './profile-change-routes.js';
import { referenceRoutes } from './reference-routes.js';
import { reportingRoutes } from './stats-routes.js';
import { studioRoutes } from './studio-routes.js';
import { userRoutes } from './user-routes.js';

/** Every API route; the OpenAPI document is generated from this list. */
export function apiRoutes(services: Services): RouteSpec[] {
  return [...authRoutes(services), ...userRoutes(services), ...referenceRoutes(services), ...reportingRoutes(services), ...enterpriseRoutes(services), ...craftsmanRoutes(services), ...studioRoutes(services), ...caseRoutes(services), ...orderRoutes(services), ...pairingRoutes(services), ...appointmentRoutes(services), ...complaintRoutes(services), ...notificationRoutes(services), ...matchingRoutes(services), ...adminRoutes(services), ...profileChangeRoutes(services)];
}
