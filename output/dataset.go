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
	manifest  *Manifest // merged state of the commits when opened
}

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
	if err := Recover(dir, tag+"-"); err != nil {
		return nil, err
	}
	commits, err := readCommits(dir)
	if err != nil {
		return nil, err
	}
	return &Dataset{
		dir: dir, tag: tag, version: version, rulesHash: rulesHash,
		stamp:    time.Now().UTC().Format("20060102T150405.000000000"),
		manifest: merge(commits, version, rulesHash),
	}, nil
}

// Dir returns the dataset folder.
func (d *Dataset) Dir() string { return d.dir }

// Done reports whether source was already processed from the same bytes
// with the same version and rules, so a rerun can skip it.
func (d *Dataset) Done(source, sha256 string) bool {
	e, ok := d.manifest.Inputs[source]
	return ok && e.SHA256 == sha256 && e.Version == d.version && e.RulesHash == d.rulesHash
}

// Manifest returns the committed state as of Open.
func (d *Dataset) Manifest() *Manifest { return d.manifest }

// NewWriter starts the parts of the next commit.
func (d *Dataset) NewWriter() (*Writer, error) {
	d.seq++
	return NewWriter(d.dir, "part-"+d.commitID()+".parquet")
}

func (d *Dataset) commitID() string {
	return fmt.Sprintf("%s-%s-%05d", d.tag, d.stamp, d.seq)
}

// Commit makes w's parts visible together with the record of the inputs
// they hold, in three steps that survive a crash at any point: the parts
// are completed under hidden names, a pending commit record naming them
// is written, then they are renamed into place and the record is marked
// done ([Recover] finishes the last step after a crash). Finally
// manifest.json is rewritten from all commit records.
func (d *Dataset) Commit(w *Writer, inputs map[string]InputEntry) (*Commit, error) {
	parts, err := w.finish()
	if err != nil {
		return nil, err
	}
	id := d.commitID()
	for src, in := range inputs {
		in.Commit, in.Version, in.RulesHash = id, d.version, d.rulesHash
		inputs[src] = in
	}
	c := &Commit{ID: id, Time: time.Now().UTC(), Version: d.version, RulesHash: d.rulesHash,
		Pending: true, Parts: parts, Inputs: inputs}
	if d.tag != "all" {
		c.Shard = d.tag
	}
	if err := writeJSON(filepath.Join(d.dir, commitDir, id+".json"), c); err != nil {
		w.Abort()
		return nil, fmt.Errorf("output: commit %s: %w", id, err)
	}
	if err := completeCommit(d.dir, c); err != nil {
		return nil, err
	}
	return c, d.writeManifest()
}

func (d *Dataset) writeManifest() error {
	commits, err := readCommits(d.dir)
	if err != nil {
		return err
	}
	m := merge(commits, d.version, d.rulesHash)
	if err := writeJSON(filepath.Join(d.dir, ManifestName), m); err != nil {
		return fmt.Errorf("output: write manifest: %w", err)
	}
	return nil
}

// parseShard reads "i/N" with 1 ≤ i ≤ N.
func parseShard(shard string) (i, n int, err error) {
	if _, err := fmt.Sscanf(shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("output: bad shard %q: want i/N with 1 ≤ i ≤ N", shard)
	}
	return i, n, nil
}
