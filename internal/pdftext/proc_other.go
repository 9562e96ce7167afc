//go:build !linux

package pdftext

import (
	"os/exec"
	"syscall"
)

// sysProcAttr returns nil: process groups and the parent-death signal are
// set up on Linux only.
func sysProcAttr() *syscall.SysProcAttr { return nil }

// killGroup kills the child.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}

func killedBySystem(*exec.ExitError) bool { return false }

// limitAddressSpace does nothing outside Linux; debug.SetMemoryLimit still
// applies.
func limitAddressSpace(int64) error { return nil }
