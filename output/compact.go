package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/parquet-go/parquet-go"
)

// CompactSummary is what [Compact] did.
type CompactSummary struct {
	PartsBefore, PartsAfter int
	RowsDropped             int64 // rows of superseded inputs removed
	Rows                    map[string]int64
}

// Compact rewrites a dataset as one part per table and drops the rows
// that changed inputs left in older commits (the manifest's Superseded
// list). Readers see either the old parts or the new ones for each table
// while it runs; no other run may write to the dataset at the same time.
// Like a run's commit, it survives a crash at any point: the next run or
// compaction finishes it.
func Compact(dir, version string) (CompactSummary, error) {
	var sum CompactSummary
	heads, err := recoverHeads(dir, "")
	if err != nil {
		return sum, err
	}
	live := committed(heads)
	if len(live) == 0 {
		return sum, fmt.Errorf("output: %s holds no committed dataset", dir)
	}
	rulesHash := live[len(live)-1].RulesHash
	for _, c := range live {
		sum.PartsBefore += len(c.Parts)
	}
	// latest maps each source to the commit of its entry in the latest
	// record that has it. Unlike a run, compaction needs every source
	// exactly, so it holds them (about 100 bytes an input).
	latest := map[string]string{}
	for _, c := range live {
		_, err := readRecord(c.file, func(r inputRow) error {
			if r.Commit == c.ID {
				r.Commit = c.ID // one string for the commit, not one an input
			}
			latest[r.Source] = r.Commit
			return nil
		})
		if err != nil {
			return sum, err
		}
	}

	// stale reports whether source's rows in commit are superseded.
	stale := func(source, commit string) bool {
		latest, ok := latest[source]
		return ok && latest != commit
	}
	// Rows other than documents and errors name only their doc_id: find
	// each stale commit's stale documents first.
	staleDocs := map[string]map[string]bool{} // commit → doc_id set
	for _, c := range live {
		for _, p := range c.Parts {
			if p.Table != "documents" {
				continue
			}
			err := scanPart(filepath.Join(dir, p.Path), func(r *DocumentRow) bool {
				if stale(r.Source, c.ID) {
					if staleDocs[c.ID] == nil {
						staleDocs[c.ID] = map[string]bool{}
					}
					staleDocs[c.ID][r.DocID] = true
				}
				return true
			})
			if err != nil {
				return sum, err
			}
		}
	}

	id := "compact-" + time.Now().UTC().Format("20060102T150405.000000000")
	name := "part-" + id + ".parquet"
	sum.Rows = map[string]int64{}
	var parts []PartInfo
	var dropped int64
	keepDoc := func(c *Commit) func(docID string) bool {
		return func(docID string) bool {
			if staleDocs[c.ID][docID] {
				dropped++
				return false
			}
			return true
		}
	}
	errs := []error{
		compactTable(dir, name, "documents", live, &parts, sum.Rows, func(r *DocumentRow, c *Commit) bool { return keepDoc(c)(r.DocID) }),
		compactTable(dir, name, "sentences", live, &parts, sum.Rows, func(r *SentenceRow, c *Commit) bool { return keepDoc(c)(r.DocID) }),
		compactTable(dir, name, "quantities", live, &parts, sum.Rows, func(r *QuantityRow, c *Commit) bool { return keepDoc(c)(r.DocID) }),
		compactTable(dir, name, "times", live, &parts, sum.Rows, func(r *TimeRow, c *Commit) bool { return keepDoc(c)(r.DocID) }),
		compactTable(dir, name, "entities", live, &parts, sum.Rows, func(r *EntityRow, c *Commit) bool { return keepDoc(c)(r.DocID) }),
		compactTable(dir, name, "errors", live, &parts, sum.Rows, func(r *ErrorRow, c *Commit) bool {
			if stale(r.Source, c.ID) {
				dropped++
				return false
			}
			return true
		}),
	}
	if err := errors.Join(errs...); err != nil {
		for _, p := range parts {
			os.Remove(tmpPartName(filepath.Join(dir, p.Path)))
		}
		return sum, err
	}
	replaces := make([]string, len(live))
	for i, c := range live {
		replaces[i] = c.ID
	}
	// The new record holds every source's latest entry, now in this
	// commit.
	inputs := func(emit func(inputRow) error) error {
		return mergeInputs(live, func(r inputRow, _ []string) error {
			r.Commit = id
			return emit(r)
		})
	}
	record := filepath.Join(dir, commitDir, id+".json")
	c := &Commit{ID: id, Time: time.Now().UTC(), Version: version, RulesHash: rulesHash,
		Pending: true, Parts: parts, Replaces: replaces, file: record}
	if err := writeRecord(record, c, inputs, nil); err != nil {
		return sum, fmt.Errorf("output: compact: %w", err)
	}
	if err := completeCommit(dir, c); err != nil {
		return sum, err
	}
	sum.PartsAfter = len(parts)
	sum.RowsDropped = dropped
	heads, err = readHeads(dir)
	if err != nil {
		return sum, err
	}
	return sum, writeManifest(dir, heads, version, rulesHash)
}

// compactTable copies the rows of one table that keep accepts into a new
// hidden part.
func compactTable[T any](dir, name, table string, commits []*Commit, parts *[]PartInfo, rows map[string]int64, keep func(*T, *Commit) bool) error {
	out, err := newPart[T](dir, table, name)
	if err != nil {
		return err
	}
	buf := make([]T, 0, 1024)
	for _, c := range commits {
		for _, p := range c.Parts {
			if p.Table != table {
				continue
			}
			var werr error
			err := scanPart(filepath.Join(dir, p.Path), func(r *T) bool {
				if keep(r, c) {
					buf = append(buf, *r)
					if len(buf) == cap(buf) {
						werr = out.write(buf, 0)
						buf = buf[:0]
					}
				}
				return werr == nil
			})
			if err == nil {
				err = werr
			}
			if err != nil {
				out.abort()
				return err
			}
		}
	}
	if err := out.write(buf, 0); err != nil {
		out.abort()
		return err
	}
	if err := out.finish(); err != nil {
		return err
	}
	rows[table] = out.rows
	*parts = append(*parts, PartInfo{Table: table, Path: table + "/" + name, Rows: out.rows})
	return nil
}

// scanPart streams the rows of one part file to fn until fn returns false.
func scanPart[T any](path string, fn func(*T) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	r := parquet.NewGenericReader[T](f)
	defer r.Close()
	buf := make([]T, 1024)
	for {
		n, err := r.Read(buf)
		for i := range n {
			if !fn(&buf[i]) {
				return nil
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("output: read %s: %w", path, err)
		}
	}
}
