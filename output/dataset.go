package output

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Dataset is an output folder opened for one run.
type Dataset struct {
	dir       string
	tag       string // shard tag: "all" or "s1of4"; prefixes commit ids and part names
	version   string
	rulesHash string
	stamp     string
	seq       int
	done      *doneIndex // the inputs of the commits: as of Open, and this run's

	// manifest.json is rewritten after a commit only when the time since
	// its last rewrite is manifestShare times what that took, and at
	// Close: rewriting it takes time in proportion to the dataset, and
	// doing so at every commit would make a run's cost grow with the
	// square of the corpus.
	manifestStale bool
	manifestAt    time.Time
	manifestCost  time.Duration
}

// manifestShare bounds the share of a run's time spent rewriting
// manifest.json to about 1/manifestShare.
const manifestShare = 10

// Open prepares dir for a run: it creates the folder, recovers what an
// earlier killed run of the same shard left (see [Recover]) and reads the
// committed state. shard is "" for an unsharded run or "i/N".
func Open(dir, shard, version, rulesHash string) (*Dataset, error) {
	tag := "all"
	if shard != "" {
		i, n, err := parseShard(shard)
		if err != nil {
			return nil, err
		}
		tag = fmt.Sprintf("s%dof%d", i, n)
	}
	if err := os.MkdirAll(filepath.Join(dir, commitDir), 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	heads, err := recoverHeads(dir, tag+"-")
	if err != nil {
		return nil, err
	}
	done := newDoneIndex()
	for _, c := range committed(heads) {
		_, err := readRecord(c.file, func(r inputRow) error {
			done.add(r.Source, r.InputEntry)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return &Dataset{
		dir: dir, tag: tag, version: version, rulesHash: rulesHash,
		stamp: time.Now().UTC().Format("20060102T150405.000000000"),
		done:  done,
	}, nil
}

// Dir returns the dataset folder.
func (d *Dataset) Dir() string { return d.dir }

// Done reports whether source was already processed from the same bytes
// with the same version and rules, so a rerun can skip it.
func (d *Dataset) Done(source, sha256 string) bool {
	return d.done.done(source, sha256, d.version, d.rulesHash)
}

// Known reports whether source has rows in the dataset, from whatever
// bytes, version or rules.
func (d *Dataset) Known(source string) bool { return d.done.known(source) }

// NewWriter starts the parts of the next commit.
func (d *Dataset) NewWriter() (*Writer, error) {
	d.seq++
	w, err := NewWriter(d.dir, "part-"+d.commitID(d.seq)+".parquet")
	if err == nil {
		w.commit = d.seq
	}
	return w, err
}

// newWriter starts worker's parts of the commit numbered seq (from 1) of
// this run.
func (d *Dataset) newWriter(seq, worker int) (*Writer, error) {
	w, err := NewWriter(d.dir, fmt.Sprintf("part-%s-w%d.parquet", d.commitID(seq), worker+1))
	if err == nil {
		w.commit = seq
	}
	return w, err
}

func (d *Dataset) commitID(seq int) string {
	return fmt.Sprintf("%s-%s-%05d", d.tag, d.stamp, seq)
}

// Commit makes w's parts visible together with the record of the inputs
// they hold, in three steps that survive a crash at any point: the parts
// are completed under hidden names, a pending commit record naming them
// is written, then they are renamed into place and the record is marked
// done ([Recover] finishes the last step after a crash). manifest.json,
// a summary of all commit records, is then rewritten if its last rewrite
// is old enough (see manifestShare); [Dataset.Close] brings it up to
// date.
func (d *Dataset) Commit(w *Writer, inputs map[string]InputEntry) (*Commit, error) {
	return d.commitWriters(w.commit, []*Writer{w}, inputs)
}

// commitWriters is Commit of the parts of several writers, all of the
// commit numbered seq: a run's workers write parts of their own.
func (d *Dataset) commitWriters(seq int, ws []*Writer, inputs map[string]InputEntry) (*Commit, error) {
	abort := func() {
		for _, w := range ws {
			w.Abort()
		}
	}
	if len(ws) == 0 {
		// Rows or not, every table of a dataset has a part with its schema.
		w, err := d.newWriter(seq, 0)
		if err != nil {
			return nil, err
		}
		ws = []*Writer{w}
	}
	parts, err := finishWriters(ws)
	if err != nil {
		abort()
		return nil, err
	}
	id := d.commitID(seq)
	for src, in := range inputs {
		in.Commit, in.Version, in.RulesHash = id, d.version, d.rulesHash
		inputs[src] = in
	}
	c := &Commit{ID: id, Time: time.Now().UTC(), Version: d.version, RulesHash: d.rulesHash,
		Pending: true, Parts: parts, Inputs: inputs}
	if d.tag != "all" {
		c.Shard = d.tag
	}
	head := *c
	head.Inputs = nil
	if err := writeRecord(filepath.Join(d.dir, commitDir, id+".json"), &head, mapInputs(inputs), nil); err != nil {
		abort()
		return nil, fmt.Errorf("output: commit %s: %w", id, err)
	}
	if err := completeCommit(d.dir, c); err != nil {
		return nil, err
	}
	for src, in := range inputs {
		d.done.add(src, in)
	}
	d.manifestStale = true
	if time.Since(d.manifestAt) < manifestShare*d.manifestCost {
		return c, nil
	}
	return c, d.writeManifest()
}

// Close rewrites manifest.json if a commit since its last rewrite left it
// behind; a run calls it once its commits are done.
func (d *Dataset) Close() error {
	if !d.manifestStale {
		return nil
	}
	return d.writeManifest()
}

// writeManifest rewrites manifest.json from all commit records, which
// include those other shards made since Open.
func (d *Dataset) writeManifest() error {
	start := time.Now()
	heads, err := readHeads(d.dir)
	if err != nil {
		return err
	}
	if err := writeManifest(d.dir, heads, d.version, d.rulesHash); err != nil {
		return err
	}
	d.manifestStale = false
	d.manifestAt = time.Now()
	d.manifestCost = d.manifestAt.Sub(start)
	return nil
}

// parseShard reads "i/N" with 1 ≤ i ≤ N.
func parseShard(shard string) (i, n int, err error) {
	if _, err := fmt.Sscanf(shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("output: bad shard %q: want i/N with 1 ≤ i ≤ N", shard)
	}
	return i, n, nil
}
