"""The request cycle: who is asking (identity), what they may do (access policy, guard), how the
answer is rendered (templating, htmx, i18n, security headers, error pages, safe redirects)."""
