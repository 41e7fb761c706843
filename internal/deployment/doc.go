// Package deployment owns gitauthd's server configuration: the options,
// where their values come from, and their validation.
//
//   - Options is the one table of configuration options: name, flag, env var,
//     YAML key, default, group and typed value. Load fills a Values from
//     command-line flags, GITAUTHD_* environment variables and a flat YAML
//     file (precedence flag > env > YAML > default) and records where each
//     value came from. Usage prints the table for --help.
//   - The external auth providers are the one option without a flag: a list
//     of externalauth.Config read from GITAUTHD_EXTERNAL_AUTH_<n>_<FIELD>
//     variables or the YAML external_auth list (variables, when any is set,
//     replace the list). This package only reads the entries; the entry type,
//     its defaults per provider type and its validation are
//     internal/externalauth's (NewProviders).
//   - Redacted turns the table into a display form with secret values removed.
//
// What the General API group reports about the running deployment is
// internal/general's. The package knows nothing of HTTP.
package deployment
