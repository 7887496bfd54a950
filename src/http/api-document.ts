import { buildOpenApi } from './openapi.js';
import { probeDocs } from './openapi-probes.js';
import { webhookDocs } from './openapi-webhooks.js';
import type { RouteSpec } from './route.js';

/** The document served at /api/openapi.json; `npm run api:client` generates the typed client from the same call. */
export const apiDocument = (routes: RouteSpec[], version = '0.1.0') =>
  buildOpenApi(
    routes,
    { title: '匠心 Jiangxin API', version, description: '劳模工匠人才库与企业技术需求问题库的撮合引擎：企业点单、劳模工匠接单、工会送单。' },
    { ...webhookDocs(), paths: probeDocs() },
  );
