/** Swagger UI served from the swagger-ui-dist package, no inline script (the CSP forbids it). */
export const docsPage = {
  html: `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>匠心 API 文档</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/init.js"></script></body>
</html>`,
  script: `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });`,
};
