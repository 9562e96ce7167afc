// Package playbooks holds the shipped playbooks. FS embeds them so that `clm
// serve` can load them into an empty store without the source tree beside it.
package playbooks

import "embed"

// FS holds every *.yaml file of this directory: the playbooks and their
// *_test.yaml cases (callers skip the latter).
//
//go:embed *.yaml
var FS embed.FS
