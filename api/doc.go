// Package api serves the engine over HTTP with echo: documents, reviews,
// redlines, playbooks, API keys and the audit log under /v1, with health checks
// and Prometheus metrics. Handlers call the library (extract, review, playbook,
// redline) and the store; one error handler writes every error as an RFC 9457
// problem.
package api
