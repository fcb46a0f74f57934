"""Observability plumbing: structured logs with a request id (`logs`, `request_log`),
error reports to Sentry when a DSN is set (`sentry`), and Prometheus metrics (`metrics`,
`exposition`). It knows no app: the API and page caches report to it, never the reverse."""
