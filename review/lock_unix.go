//go:build unix

package review

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// lockOut takes an exclusive lock on the output directory for one Batch, so
// that two runs into the same directory cannot interleave their outputs and
// state file. The lock is the operating system's (flock on OUTDIR/.lock), so a
// killed run leaves none behind. The returned function releases it.
func lockOut(out string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(out, LockFile), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("review: batch: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("review: batch: %w: %s", ErrBusy, out)
		}
		return nil, fmt.Errorf("review: batch: lock %s: %w", out, err)
	}
	return func() { f.Close() }, nil
}
