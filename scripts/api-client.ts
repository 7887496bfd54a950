/**
 * Writes the typed API client (`src/web/src/api/generated/openapi.ts`) from the OpenAPI document with
 * openapi-typescript. `test/api/api-client.test.ts` fails when the checked-in file differs from what
 * /api/openapi.json generates, so run this after changing a route's schemas.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { apiDocument } from '../src/http/api-document.js';
import { apiRoutes } from '../src/http/routes/index.js';
import type { Services } from '../src/services/index.js';
import { clientTypesOf } from './api-client-types.js';

export const CLIENT_FILE = fileURLToPath(new URL('../src/web/src/api/generated/openapi.ts', import.meta.url));

// The route table only closes over the services; building the document calls none of them.
const document = apiDocument(apiRoutes({} as Services));
await writeFile(CLIENT_FILE, await clientTypesOf(document));
console.log(`wrote ${CLIENT_FILE}`);
