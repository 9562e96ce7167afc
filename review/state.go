package review

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/obligation"
)

// StateFile is the name of the resume state Batch keeps in its output
// directory: JSON Lines, one record per input reviewed, appended and synced to
// disk only after the input's redline and report are on disk.
const StateFile = "state.jsonl"

// stateRecord is one line of the state file: an input reviewed by an engine
// version against a playbook revision, and what the batch recorded of it.
type stateRecord struct {
	Playbook string       `json:"playbook"` // playbook revision
	Engine   string       `json:"engine"`   // engine version
	Entry    Entry        `json:"entry"`    // Entry.File is the key, Entry.SHA256 the content
	Renewal  *renewalJSON `json:"renewal,omitempty"`
}

// renewalJSON keeps what the next non-renewal deadline is computed from, so
// that a resumed run dates it again for its own as-of date without reading
// the document.
type renewalJSON struct {
	Effective    dateJSON     `json:"effective"`
	InitialTerm  durationJSON `json:"initial_term"`
	Expiration   dateJSON     `json:"expiration"`
	Perpetual    bool         `json:"perpetual,omitempty"`
	Automatic    bool         `json:"automatic,omitempty"`
	RenewalTerm  durationJSON `json:"renewal_term"`
	Limit        int          `json:"limit,omitempty"`
	NoticePeriod durationJSON `json:"notice_period"`
	// Cite is the citation of the notice clause (" (§4.2)").
	Cite string `json:"cite,omitempty"`
}

type dateJSON struct {
	Year  int `json:"y,omitempty"`
	Month int `json:"m,omitempty"`
	Day   int `json:"d,omitempty"`
}

type durationJSON struct {
	Years    int  `json:"y,omitempty"`
	Months   int  `json:"m,omitempty"`
	Weeks    int  `json:"w,omitempty"`
	Days     int  `json:"d,omitempty"`
	Business bool `json:"business,omitempty"`
}

func toRenewalJSON(r obligation.Renewal, cite string) *renewalJSON {
	return &renewalJSON{
		Effective: dateJSON(r.Effective), InitialTerm: durationJSON(r.InitialTerm), Expiration: dateJSON(r.Expiration),
		Perpetual: r.Perpetual, Automatic: r.Automatic, RenewalTerm: durationJSON(r.RenewalTerm), Limit: r.Limit,
		NoticePeriod: durationJSON(r.NoticePeriod), Cite: cite,
	}
}

func (j *renewalJSON) renewal() obligation.Renewal {
	return obligation.Renewal{
		Effective: extract.Date(j.Effective), InitialTerm: extract.Duration(j.InitialTerm), Expiration: extract.Date(j.Expiration),
		Perpetual: j.Perpetual, Automatic: j.Automatic, RenewalTerm: extract.Duration(j.RenewalTerm), Limit: j.Limit,
		NoticePeriod: extract.Duration(j.NoticePeriod),
	}
}

// state is the open state file of a batch: the records read at the start,
// keyed by output name, and the file new records are appended to. It is used
// from one goroutine at a time.
type state struct {
	path string
	f    *os.File
	done map[string]*stateRecord
}

// openState reads the state file in dir (absent: no records) and opens it for
// appending. A line that does not parse — the torn last line of a run that was
// killed mid-write — is ignored and cut off, so that the next record starts on
// a line of its own. Later records of an output replace earlier ones.
func openState(dir string) (*state, error) {
	s := &state{path: filepath.Join(dir, StateFile), done: map[string]*stateRecord{}}
	f, err := os.OpenFile(s.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("review: state: %w", err)
	}
	good, err := s.read(f)
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("review: state %s: %w", s.path, err)
	}
	s.f = f
	return s, nil
}

// read loads the records of f and returns the length of its complete lines.
func (s *state) read(f *os.File) (int64, error) {
	r := bufio.NewReaderSize(f, 64<<10)
	var good int64
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			good += int64(len(line))
			var rec stateRecord
			if json.Unmarshal(bytes.TrimSpace(line), &rec) == nil && rec.Entry.File != "" {
				s.done[rec.Entry.File] = &rec
			}
		}
		if errors.Is(err, io.EOF) {
			return good, nil
		}
		if err != nil {
			return 0, err
		}
	}
}

// lookup returns the record of output file when it was reviewed from the same
// content by the same engine against the same playbook revision and its
// redline and report are still in outDir.
func (s *state) lookup(outDir, file, sha, revision, engine string) *stateRecord {
	rec := s.done[file]
	if rec == nil || rec.Entry.SHA256 != sha || rec.Playbook != revision || rec.Engine != engine || rec.Entry.Status != StatusReviewed {
		return nil
	}
	for _, p := range []string{rec.Entry.Redline, rec.Entry.Report} {
		if p == "" {
			return nil
		}
		if _, err := os.Stat(filepath.Join(outDir, filepath.FromSlash(p))); err != nil {
			return nil
		}
	}
	return rec
}

// append writes rec as one line and syncs the file.
func (s *state) append(rec *stateRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("review: state: %w", err)
	}
	b = append(b, '\n')
	if _, err := s.f.Write(b); err != nil {
		return fmt.Errorf("review: state %s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("review: state %s: %w", s.path, err)
	}
	return nil
}

func (s *state) close() error {
	if err := s.f.Close(); err != nil {
		return fmt.Errorf("review: state %s: %w", s.path, err)
	}
	return nil
}
