import express from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ApiDeps } from './deps.js';
import { authenticate } from './http/authenticate.js';
import { notFoundHandler, problemHandler } from './http/errors.js';
import { buildOpenApiDocument } from './http/openapi.js';
import { keepRawBody } from './http/raw-body.js';
import { ApiRouter } from './http/router.js';
import type { ApiModule } from './module.js';
import { adminModule } from './modules/admin/routes.js';
import { authModule } from './modules/auth/routes.js';
import { sessionsModule } from './modules/auth/session-routes.js';
import { lessonsModule } from './modules/lessons/routes.js';
import { meModule } from './modules/me/routes.js';
import { metaModule } from './modules/meta/routes.js';
import { materialsModule } from './modules/materials/routes.js';
import { plansModule } from './modules/plans/routes.js';
import { lessonMaterialsModule } from './modules/lesson-materials/routes.js';
import { filesModule } from './modules/files/routes.js';
import { dictionaryModule } from './modules/dictionary/routes.js';
import { notesModule } from './modules/notes/routes.js';
import { creditsModule } from './modules/credits/routes.js';
import { scheduleModule } from './modules/schedule/routes.js';
import { auditModule } from './modules/audit/routes.js';
import { paymentsModule } from './modules/payments/routes.js';
import { placementModule } from './modules/placement/routes.js';
import { homeworkModule } from './modules/homework/routes.js';
import { notificationsModule } from './modules/notifications/routes.js';
import { studentsModule } from './modules/students/routes.js';
import { recordingPolicyModule } from './modules/recording-policy/routes.js';
import type { SchoolServices } from './services.js';

/** The API's domain areas, in the order they appear in the OpenAPI document. */
export const API_MODULES: readonly ApiModule[] = [metaModule, authModule, meModule, sessionsModule, lessonsModule, adminModule, materialsModule, plansModule, lessonMaterialsModule, filesModule, dictionaryModule, notesModule, creditsModule, scheduleModule, auditModule, placementModule, paymentsModule, homeworkModule, notificationsModule, studentsModule, recordingPolicyModule];

const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Panda Classroom API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });`;

/** Everything under `/api`: the modules' operations (on the services of `createServices`), the OpenAPI document and its viewer. */
export function createApi(deps: ApiDeps, services: SchoolServices, modules: readonly ApiModule[] = API_MODULES): express.Router {
  const api = express.Router();
  const router = new ApiRouter(deps.rateLimiter);
  for (const module of modules) module.register(router, { ...deps, services });
  const openApi = buildOpenApiDocument(router.operations, { title: 'Panda Classroom API', version: deps.settings.version });

  api.use(express.json({ limit: '256kb', verify: keepRawBody }));
  api.use(authenticate(deps.accessTokens));
  api.get('/openapi.json', (_request, response) => void response.json(openApi));
  api.get('/docs', (_request, response) => void response.type('html').send(DOCS_PAGE));
  api.get('/docs/init.js', (_request, response) => void response.type('js').send(DOCS_INIT));
  api.use('/docs/assets', express.static(swaggerUiDir, { index: false }));
  api.use(router.express);
  api.use(notFoundHandler);
  api.use(problemHandler);
  return api;
}
