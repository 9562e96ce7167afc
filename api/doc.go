// Package api serves the engine over HTTP with echo. It arrives with the HTTP API
// issue; this package holds its place in the layout.
package api
