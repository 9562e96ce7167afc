//go:build linux

package pdftext

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// sysProcAttr puts the child in its own process group, so that a kill
// reaches anything it started, and kills it if the parent dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// killGroup kills the child's process group.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	if err := unix.Kill(-cmd.Process.Pid, unix.SIGKILL); err != nil {
		_ = cmd.Process.Kill()
	}
}

// killedBySystem reports a SIGKILL the parent did not send.
func killedBySystem(ee *exec.ExitError) bool {
	ws, ok := ee.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
}

// limitAddressSpace sets RLIMIT_AS to n bytes above the current address
// space. The Go runtime reserves about a gigabyte of address space at start
// (arena hints, page-allocator summaries) that it never touches, so a limit
// of n alone would stop the runtime, not the allocation.
func limitAddressSpace(n int64) error {
	limit := uint64(vmSize()) + uint64(n)
	return unix.Setrlimit(unix.RLIMIT_AS, &unix.Rlimit{Cur: limit, Max: limit})
}

// vmSize returns the process's virtual memory size in bytes, or 4 GiB if
// it cannot be read.
func vmSize() int64 {
	const fallback = 4 << 30
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return fallback
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			kb, err := strconv.ParseInt(string(bytes.TrimSuffix(bytes.TrimSpace(v), []byte(" kB"))), 10, 64)
			if err != nil {
				return fallback
			}
			return kb << 10
		}
	}
	return fallback
}
