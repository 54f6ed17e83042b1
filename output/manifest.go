package output

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// ManifestName is the dataset's summary file at the folder's root.
const ManifestName = "manifest.json"

// commitDir holds one commit record per completed (or pending) batch of
// parts. The records are the dataset's source of truth; manifest.json is
// a merged view of them (see [Dataset.Commit] for when it is rewritten).
// Keeping one file per commit lets shards on different machines commit
// to the same folder without ever writing the same file.
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

	file string // the record's file, when read by [readRecord]
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

// inputRow is one input of a commit record or of the manifest.
type inputRow struct {
	Source string
	InputEntry
}

// inputSource passes inputs, sorted by source, to emit, and stops at the
// first error emit returns.
type inputSource func(emit func(inputRow) error) error

// mapInputs is an inputSource for inputs held in memory.
func mapInputs(inputs map[string]InputEntry) inputSource {
	return func(emit func(inputRow) error) error {
		for _, src := range slices.Sorted(maps.Keys(inputs)) {
			if err := emit(inputRow{src, inputs[src]}); err != nil {
				return err
			}
		}
		return nil
	}
}

// recordInputs is an inputSource that streams the inputs of a commit
// record file.
func recordInputs(name string) inputSource {
	return func(emit func(inputRow) error) error {
		_, err := readRecord(name, emit)
		return err
	}
}

// writeRecord writes a commit record or the manifest, v, as indented JSON
// through [writeFileAtomic]. v's inputs must be nil: they are taken from
// inputs one at a time, and written one a line, so that neither writing
// nor reading the file back (see [readRecord]) takes memory in
// proportion to the corpus. superseded, when not nil, streams the
// manifest's superseded list the same way; it is called after inputs.
func writeRecord(name string, v any, inputs inputSource, superseded func(emit func(Superseded) error) error) error {
	head, tail, err := recordHead(name, v)
	if err != nil {
		return err
	}
	return writeFileAtomic(name, func(w io.Writer) error {
		if _, err := w.Write(head); err != nil {
			return err
		}
		if err := writeInputs(w, inputs); err != nil {
			return err
		}
		// tail ends with the closing "\n}" of the object.
		if _, err := w.Write(tail[:len(tail)-2]); err != nil {
			return err
		}
		if superseded != nil {
			if err := writeSuperseded(w, superseded); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "\n}\n")
		return err
	})
}

// recordHead returns what writeRecord writes of v before its inputs, and
// after them, bar the closing "\n}".
func recordHead(name string, v any) (head, tail []byte, err error) {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, nil, err
	}
	head, tail, found := bytes.Cut(data, []byte(`"inputs": null`))
	if !found {
		return nil, nil, fmt.Errorf("output: %s: record without inputs", name)
	}
	return head, tail, nil
}

// rewriteHead rewrites the record file name, written by writeRecord from
// old, as writeRecord would write it from v, which differs from old only
// in fields before the inputs: it copies the inputs and what follows them
// from the file rather than encode them again (a commit's record is
// written twice, pending and then complete, and encoding the inputs is
// most of the work). It returns false, having written nothing, if the
// file does not begin as old would.
func rewriteHead(name string, old, v any) (bool, error) {
	oldHead, _, err := recordHead(name, old)
	if err != nil {
		return false, err
	}
	head, _, err := recordHead(name, v)
	if err != nil {
		return false, err
	}
	f, err := os.Open(name)
	if err != nil {
		return false, nil // as if it began otherwise: the caller writes it anew
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 256<<10)
	got := make([]byte, len(oldHead))
	if _, err := io.ReadFull(r, got); err != nil || !bytes.Equal(got, oldHead) {
		return false, nil
	}
	return true, writeFileAtomic(name, func(w io.Writer) error {
		if _, err := w.Write(head); err != nil {
			return err
		}
		_, err := io.Copy(w, r)
		return err
	})
}

// writeInputs writes `"inputs": {…}` at the indentation of a top-level
// field, one input a line.
func writeInputs(w io.Writer, inputs inputSource) error {
	if _, err := io.WriteString(w, "\"inputs\": {"); err != nil {
		return err
	}
	sep := "\n    "
	var line []byte
	err := inputs(func(r inputRow) error {
		line = appendInputLine(append(line[:0], sep...), r)
		_, err := w.Write(line)
		sep = ",\n    "
		return err
	})
	if err != nil {
		return err
	}
	end := "\n  }"
	if sep == "\n    " {
		end = "}"
	}
	_, err = io.WriteString(w, end)
	return err
}

// writeSuperseded writes `,"superseded": […]` one item a line, or
// nothing when superseded passes no item.
func writeSuperseded(w io.Writer, superseded func(emit func(Superseded) error) error) error {
	sep := ",\n  \"superseded\": [\n    "
	err := superseded(func(s Superseded) error {
		item, err := json.Marshal(s)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s%s", sep, item)
		sep = ",\n    "
		return err
	})
	if err == nil && sep == ",\n    " {
		_, err = io.WriteString(w, "\n  ]")
	}
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

// readRecord reads the commit record in file name without holding its
// inputs: it returns the record with Inputs nil and passes each input, in
// the file's order, to each. ([readHead] reads the rest alone, faster.)
// A record as this package writes it is read line by line; any other
// with encoding/json, from the first input the lines did not give.
func readRecord(name string, each func(inputRow) error) (*Commit, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	defer f.Close()
	c, n, err := readRecordLines(f, name, each)
	if errors.Is(err, errNotLines) {
		if _, err = f.Seek(0, io.SeekStart); err == nil {
			c, err = readRecordJSON(f, name, func(r inputRow) error {
				if n > 0 {
					n--
					return nil
				}
				return each(r)
			})
		}
	}
	if err != nil {
		if errors.Is(err, errStop) {
			return nil, err
		}
		return nil, fmt.Errorf("output: %s: %w", name, err)
	}
	return c, nil
}

// readRecordJSON is readRecord for any JSON record, read from f.
func readRecordJSON(f io.Reader, name string, each func(inputRow) error) (*Commit, error) {
	dec := json.NewDecoder(bufio.NewReaderSize(f, 64<<10))
	head := []byte{'{'}
	err := readObject(dec, func(key string) error {
		if key == "inputs" {
			return readInputs(dec, each)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		if len(head) > 1 {
			head = append(head, ',')
		}
		head = appendJSONString(head, key) // strconv's quoting is not JSON's
		head = append(head, ':')
		head = append(head, raw...)
		return nil
	})
	c := &Commit{file: name}
	if err == nil {
		err = json.Unmarshal(append(head, '}'), c)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// errStop ends a [readRecord] early without being an error of the file.
var errStop = errors.New("stop")

// readObject reads a JSON object, calling field for each key with the
// decoder at its value; field must consume the value.
// A null counts as an empty object.
func readObject(dec *json.Decoder, field func(key string) error) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null: an object without fields
	}
	if tok != json.Delim('{') {
		return fmt.Errorf("got %v; want an object", tok)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := field(tok.(string)); err != nil {
			return err
		}
	}
	_, err = dec.Token() // the closing brace: More saw it
	return err
}

// readInputs reads the value of a record's "inputs", passing each entry
// to each.
func readInputs(dec *json.Decoder, each func(inputRow) error) error {
	return readObject(dec, func(src string) error {
		r := inputRow{Source: src}
		if err := dec.Decode(&r.InputEntry); err != nil {
			return err
		}
		return each(r)
	})
}

// readHeads reads every commit record without its inputs, oldest first.
func readHeads(dir string) ([]*Commit, error) {
	names, err := filepath.Glob(filepath.Join(dir, commitDir, "*.json"))
	if err != nil {
		return nil, err
	}
	heads := make([]*Commit, 0, len(names))
	for _, n := range names {
		c, err := readHead(n)
		if err != nil {
			return nil, err
		}
		heads = append(heads, c)
	}
	sortCommits(heads)
	return heads, nil
}

// readHead reads the commit record in file name without its inputs. It
// reads the whole file, one commit's worth, but steps over the inputs
// with [withoutInputs] rather than decode them: a dataset's records are
// read this way at every manifest rewrite.
func readHead(name string) (*Commit, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	c := &Commit{file: name}
	if err := json.Unmarshal(withoutInputs(data), c); err != nil {
		return nil, fmt.Errorf("output: %s: %w", name, err)
	}
	c.Inputs = nil
	return c, nil
}

// withoutInputs returns the JSON object data with the value of its
// top-level "inputs" replaced by null. Data it cannot follow it returns
// as it is, for json.Unmarshal to decode (or reject) whole.
func withoutInputs(data []byte) []byte {
	var out []byte
	last, depth := 0, 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
		case '"':
			start, end := i, skipString(data, i)
			if end < 0 {
				return data
			}
			i = end - 1
			if depth != 1 || string(data[start:end]) != `"inputs"` {
				continue
			}
			colon := skipSpace(data, end)
			if colon == len(data) || data[colon] != ':' {
				continue // a value, not a key
			}
			v := skipSpace(data, colon+1)
			vend := skipValue(data, v)
			if vend < 0 {
				return data
			}
			out = append(append(out, data[last:v]...), "null"...)
			last, i = vend, vend-1
		}
	}
	if out == nil {
		return data
	}
	return append(out, data[last:]...)
}

// skipString returns the index just past the JSON string that starts at
// data[i], or -1 if it does not end.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); {
		k := bytes.IndexAny(data[j:], `"\`)
		if k < 0 {
			return -1
		}
		j += k
		if data[j] == '"' {
			return j + 1
		}
		j += 2 // a backslash and the character it escapes
	}
	return -1
}

// skipSpace returns the index of the first byte from i that is not JSON
// white space.
func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the index just past the JSON value that starts at
// data[i], or -1 if it does not end.
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			case '"':
				if j = skipString(data, j); j < 0 {
					return -1
				}
				j--
			}
		}
		return -1
	}
	// A number, true, false or null.
	j := i
	for j < len(data) && !bytes.ContainsRune([]byte(",}] \n\t\r"), rune(data[j])) {
		j++
	}
	return j
}

// sortCommits puts commits in the order they took effect.
func sortCommits(commits []*Commit) {
	slices.SortStableFunc(commits, func(a, b *Commit) int {
		if c := a.Time.Compare(b.Time); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// committed returns the commits that are not pending.
func committed(heads []*Commit) []*Commit {
	var live []*Commit
	for _, c := range heads {
		if !c.Pending {
			live = append(live, c)
		}
	}
	return live
}

// mergeInputs merges the inputs of the commit records live, in the order
// they took effect, into one stream sorted by source, reading all records
// at once and holding one input of each. For each source it passes the
// entry of the latest commit that has it, and the commits of the earlier
// entries that later ones superseded, sorted. Each record lists its
// inputs sorted by source, as [writeInputs] writes them.
func mergeInputs(live []*Commit, emit func(r inputRow, superseded []string) error) error {
	cursors := make(cursorHeap, 0, len(live))
	defer func() {
		for _, c := range cursors {
			c.stop()
		}
	}()
	for rank, c := range live {
		cur := &cursor{rank: rank, file: c.file}
		cur.next, cur.stop = iter.Pull2(func(yield func(inputRow, error) bool) {
			_, err := readRecord(c.file, func(r inputRow) error {
				if !yield(r, nil) {
					return errStop
				}
				return nil
			})
			if err != nil && !errors.Is(err, errStop) {
				yield(inputRow{}, err)
			}
		})
		ok, err := cur.advance()
		if err != nil {
			cur.stop()
			return err
		}
		if ok {
			cursors = append(cursors, cur)
		} else {
			cur.stop()
		}
	}
	heap.Init(&cursors)
	var superseded []string
	for len(cursors) > 0 {
		r, _, err := cursors.take()
		if err != nil {
			return err
		}
		// The heap gives a source's entries in the order of their commits;
		// an entry is superseded by the next one of another commit.
		for len(cursors) > 0 && cursors[0].row.Source == r.Source {
			next, rank, err := cursors.take()
			if err != nil {
				return err
			}
			if r.Commit != live[rank].ID {
				superseded = append(superseded, r.Commit)
			}
			r = next
		}
		slices.Sort(superseded)
		if err := emit(r, superseded); err != nil {
			return err
		}
		superseded = superseded[:0]
	}
	return nil
}

// cursor is one commit record's inputs, read one at a time.
type cursor struct {
	next func() (inputRow, error, bool)
	stop func()
	row  inputRow
	rank int // the commit's place in the order commits took effect
	file string
}

// advance reads the cursor's next input; it reports false at the end.
func (c *cursor) advance() (bool, error) {
	r, err, ok := c.next()
	if !ok {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if r.Source < c.row.Source {
		return false, fmt.Errorf("output: %s: inputs are not sorted by source (%q after %q)", c.file, r.Source, c.row.Source)
	}
	c.row = r
	return true, nil
}

// cursorHeap orders cursors by their input's source, then by their
// commit's rank.
type cursorHeap []*cursor

// take returns the first input of the heap and its commit's rank, and
// moves that cursor on, dropping it at its end.
func (h *cursorHeap) take() (inputRow, int, error) {
	cur := (*h)[0]
	r, rank := cur.row, cur.rank
	ok, err := cur.advance()
	if err != nil {
		return r, rank, err
	}
	if ok {
		heap.Fix(h, 0)
	} else {
		cur.stop()
		heap.Pop(h)
	}
	return r, rank, nil
}

func (h cursorHeap) Len() int { return len(h) }
func (h cursorHeap) Less(i, j int) bool {
	if h[i].row.Source != h[j].row.Source {
		return h[i].row.Source < h[j].row.Source
	}
	return h[i].rank < h[j].rank
}
func (h cursorHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *cursorHeap) Push(x any)   { *h = append(*h, x.(*cursor)) }
func (h *cursorHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	return c
}

// writeManifest rewrites manifest.json from the commit records heads: the
// inputs as of the latest commit of each, every part, and the superseded
// entries. It merges the records as it writes, so its memory does not
// grow with the number of inputs; when some entries are superseded, it
// reads the records a second time to list them.
func writeManifest(dir string, heads []*Commit, version, rulesHash string) error {
	live := committed(heads)
	m := &Manifest{Format: 1, Version: version, RulesHash: rulesHash, Updated: time.Now().UTC(), Parts: []PartInfo{}}
	for _, c := range live {
		m.Parts = append(m.Parts, c.Parts...)
	}
	var superseded int
	inputs := func(emit func(inputRow) error) error {
		return mergeInputs(live, func(r inputRow, sup []string) error {
			superseded += len(sup)
			return emit(r)
		})
	}
	supersededList := func(emit func(Superseded) error) error {
		if superseded == 0 {
			return nil
		}
		return mergeInputs(live, func(r inputRow, sup []string) error {
			for _, commit := range sup {
				if err := emit(Superseded{Source: r.Source, Commit: commit}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := writeRecord(filepath.Join(dir, ManifestName), m, inputs, supersededList); err != nil {
		return fmt.Errorf("output: write manifest: %w", err)
	}
	return nil
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
	_, err := recoverHeads(dir, prefix)
	return err
}

// recoverHeads is [Recover]; it returns the commit records as they are
// after it, read by [readHeads].
func recoverHeads(dir, prefix string) ([]*Commit, error) {
	heads, err := readHeads(dir)
	if err != nil {
		return nil, err
	}
	for _, c := range heads {
		if !c.Pending || !strings.HasPrefix(c.ID, prefix) && !strings.HasPrefix(c.ID, "compact-") {
			continue
		}
		if err := completeCommit(dir, c); err != nil {
			return nil, err
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
	return heads, nil
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
	head := *c
	head.Inputs = nil
	pending := head
	pending.Pending = true
	name := filepath.Join(dir, commitDir, c.ID+".json")
	if done, err := rewriteHead(name, &pending, &head); done || err != nil {
		if err != nil {
			return fmt.Errorf("output: commit %s: %w", c.ID, err)
		}
		return nil
	}
	// The record is not as this package writes it now: write it anew.
	inputs := mapInputs(c.Inputs)
	if c.Inputs == nil {
		inputs = recordInputs(c.file) // read as the new record replaces it
	}
	return writeRecord(name, &head, inputs, nil)
}

// dropCommit deletes a replaced commit's parts, then its record; a commit
// already gone is fine, so a crash in the middle is finished next time.
func dropCommit(dir, id string) error {
	name := filepath.Join(dir, commitDir, id+".json")
	c, err := readHead(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
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
