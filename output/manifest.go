package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ManifestName is the dataset's summary file at the folder's root.
const ManifestName = "manifest.json"

// commitDir holds one commit record per completed (or pending) batch of
// parts. The records are the dataset's source of truth; manifest.json is
// a merged view of them, rewritten after every commit. Keeping one file
// per commit lets shards on different machines commit to the same folder
// without ever writing the same file.
const commitDir = "_commits"

// Manifest is the content of manifest.json.
type Manifest struct {
	Format    int                   `json:"format"`
	Version   string                `json:"version"`
	RulesHash string                `json:"rules_hash"`
	Updated   time.Time             `json:"updated"`
	Inputs    map[string]InputEntry `json:"inputs"`
	Parts     []PartInfo            `json:"parts"`
	// Superseded lists parts holding rows of an input that has changed
	// since; `baogao compact` rewrites the tables without those rows.
	Superseded []Superseded `json:"superseded,omitempty"`
}

// InputEntry records how an input was last processed.
type InputEntry struct {
	SHA256    string `json:"sha256"`
	Version   string `json:"version"`
	RulesHash string `json:"rules_hash"`
	Commit    string `json:"commit"`
	Documents int    `json:"documents"`
	Errors    int    `json:"errors"`
}

// Superseded names an input's rows in an older commit that a newer commit
// replaced.
type Superseded struct {
	Source string `json:"source"`
	Commit string `json:"commit"`
}

// Commit is one commit record: the parts a run made visible together and
// the inputs whose rows they hold completely.
type Commit struct {
	ID        string                `json:"id"`
	Time      time.Time             `json:"time"`
	Version   string                `json:"version"`
	RulesHash string                `json:"rules_hash"`
	Shard     string                `json:"shard,omitempty"`
	Pending   bool                  `json:"pending,omitempty"`
	Parts     []PartInfo            `json:"parts"`
	Inputs    map[string]InputEntry `json:"inputs"`
	// Replaces lists the commits a compaction rewrote; their parts and
	// records are deleted once this commit's parts are in place.
	Replaces []string `json:"replaces,omitempty"`
}

// writeFileAtomic writes name through a hidden temporary file in the
// same folder, synced, then renamed over name; write fills it.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	dir, base := filepath.Split(name)
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o644) // CreateTemp's 0600 would hide the file from other readers
	if err == nil {
		bw := bufio.NewWriterSize(f, 256<<10)
		if err = write(bw); err == nil {
			err = bw.Flush()
		}
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// writeJSON writes a manifest or a commit record as indented JSON. Their
// inputs, which run to hundreds of thousands for a large corpus, are
// written one at a time, so that writing the file does not take memory
// in proportion to the corpus.
func writeJSON(name string, v any) error {
	var inputs map[string]InputEntry
	switch x := v.(type) {
	case *Manifest:
		c := *x
		inputs, c.Inputs = x.Inputs, nil
		v = &c
	case *Commit:
		c := *x
		inputs, c.Inputs = x.Inputs, nil
		v = &c
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(name, func(w io.Writer) error {
		head, tail, found := bytes.Cut(data, []byte(`"inputs": null`))
		if !found {
			_, err := w.Write(append(data, '\n'))
			return err
		}
		if _, err := w.Write(head); err != nil {
			return err
		}
		if err := writeInputs(w, inputs); err != nil {
			return err
		}
		_, err := w.Write(append(tail, '\n'))
		return err
	})
}

// writeInputs writes `"inputs": {…}` at the indentation of a top-level
// field, one input a line, sorted by source.
func writeInputs(w io.Writer, inputs map[string]InputEntry) error {
	if len(inputs) == 0 {
		_, err := io.WriteString(w, `"inputs": {}`)
		return err
	}
	srcs := make([]string, 0, len(inputs))
	for src := range inputs {
		srcs = append(srcs, src)
	}
	sort.Strings(srcs)
	if _, err := io.WriteString(w, "\"inputs\": {"); err != nil {
		return err
	}
	for i, src := range srcs {
		key, err := json.Marshal(src)
		if err != nil {
			return err
		}
		val, err := json.Marshal(inputs[src])
		if err != nil {
			return err
		}
		sep := ",\n    "
		if i == 0 {
			sep = "\n    "
		}
		if _, err := fmt.Fprintf(w, "%s%s: %s", sep, key, val); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "\n  }")
	return err
}

// ReadManifest reads a dataset's manifest.json; a folder without one
// gives an empty manifest.
func ReadManifest(dir string) (*Manifest, error) {
	m := &Manifest{Format: 1, Inputs: map[string]InputEntry{}}
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := json.Unmarshal(data, m); err != nil {
		return nil, fmt.Errorf("output: %s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Inputs == nil {
		m.Inputs = map[string]InputEntry{}
	}
	return m, nil
}

// readCommits reads every commit record, oldest first.
func readCommits(dir string) ([]*Commit, error) {
	names, err := filepath.Glob(filepath.Join(dir, commitDir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []*Commit
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
		c := &Commit{}
		if err := json.Unmarshal(data, c); err != nil {
			return nil, fmt.Errorf("output: %s: %w", n, err)
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Time.Equal(out[j].Time) {
			return out[i].Time.Before(out[j].Time)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// merge builds the manifest from the committed records.
func merge(commits []*Commit, version, rulesHash string) *Manifest {
	m := &Manifest{Format: 1, Version: version, RulesHash: rulesHash, Updated: time.Now().UTC(), Inputs: map[string]InputEntry{}}
	for _, c := range commits {
		if c.Pending {
			continue
		}
		m.Parts = append(m.Parts, c.Parts...)
		for src, in := range c.Inputs {
			if old, ok := m.Inputs[src]; ok && old.Commit != c.ID {
				m.Superseded = append(m.Superseded, Superseded{Source: src, Commit: old.Commit})
			}
			m.Inputs[src] = in
		}
	}
	sort.Slice(m.Superseded, func(i, j int) bool {
		a, b := m.Superseded[i], m.Superseded[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		return a.Commit < b.Commit
	})
	return m
}

// tmpPartName is the hidden name a part has while it is written.
func tmpPartName(path string) string {
	dir, base := filepath.Split(path)
	return filepath.Join(dir, "."+base+".tmp")
}

// Recover finishes what a killed run left: a pending commit whose parts
// were all written is completed (its parts renamed into place), and
// temporary files that belong to no commit are removed. Only files whose
// names start with prefix are touched, so a shard never disturbs another
// shard's work in progress.
func Recover(dir, prefix string) error {
	commits, err := readCommits(dir)
	if err != nil {
		return err
	}
	for _, c := range commits {
		if !c.Pending || !strings.HasPrefix(c.ID, prefix) && !strings.HasPrefix(c.ID, "compact-") {
			continue
		}
		if err := completeCommit(dir, c); err != nil {
			return err
		}
	}
	// Any hidden part left now belongs to no commit: its run died while
	// writing it, and its inputs were not recorded, so they will be done
	// again.
	for _, t := range tableNames() {
		tmps, _ := filepath.Glob(filepath.Join(dir, t, ".part-"+prefix+"*.tmp"))
		for _, f := range tmps {
			os.Remove(f)
		}
	}
	// So does a commit record or a manifest that was being written: the
	// record was never in place, so its parts were not either. Another
	// shard may be writing the manifest now: a sharded run removes a
	// temporary manifest only when it is old enough that its writer must
	// be dead.
	tmps, _ := filepath.Glob(filepath.Join(dir, commitDir, "."+prefix+"*.tmp"))
	for _, f := range tmps {
		os.Remove(f)
	}
	tmps, _ = filepath.Glob(filepath.Join(dir, "."+ManifestName+".*.tmp"))
	for _, f := range tmps {
		if fi, err := os.Stat(f); err == nil && (prefix == "all-" || prefix == "" || time.Since(fi.ModTime()) > staleManifest) {
			os.Remove(f)
		}
	}
	return nil
}

// staleManifest is how old a temporary manifest must be before a run
// takes it for the leftover of a dead one.
const staleManifest = 10 * time.Minute

// completeCommit renames a pending commit's parts into place and marks it
// committed. It is idempotent, so a crash inside it is recovered by
// running it again.
func completeCommit(dir string, c *Commit) error {
	for _, p := range c.Parts {
		final := filepath.Join(dir, filepath.FromSlash(p.Path))
		tmp := tmpPartName(final)
		if _, err := os.Stat(tmp); err == nil {
			if err := os.Rename(tmp, final); err != nil {
				return fmt.Errorf("output: commit %s: %w", c.ID, err)
			}
		} else if _, err := os.Stat(final); err != nil {
			return fmt.Errorf("output: commit %s: part %s is missing", c.ID, p.Path)
		}
	}
	for _, old := range c.Replaces {
		if err := dropCommit(dir, old); err != nil {
			return fmt.Errorf("output: commit %s: %w", c.ID, err)
		}
	}
	c.Pending = false
	return writeJSON(filepath.Join(dir, commitDir, c.ID+".json"), c)
}

// dropCommit deletes a replaced commit's parts, then its record; a commit
// already gone is fine, so a crash in the middle is finished next time.
func dropCommit(dir, id string) error {
	name := filepath.Join(dir, commitDir, id+".json")
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var c Commit
	if err := json.Unmarshal(data, &c); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, p := range c.Parts {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p.Path))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return os.Remove(name)
}

func tableNames() []string {
	names := make([]string, len(Tables))
	for i, t := range Tables {
		names[i] = t.Name
	}
	return names
}
