// Swagger UI over our OpenAPI document (loaded as a file, so the page needs no inline script).
window.SwaggerUIBundle({ url: '/docs/json', dom_id: '#swagger', deepLinking: true });
