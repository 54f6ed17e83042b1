package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"
)

// mergeRef is the manifest built the simple way, every record's inputs in
// memory at once: the reference writeManifest must agree with.
func mergeRef(commits []*Commit) *Manifest {
	m := &Manifest{Inputs: map[string]InputEntry{}, Parts: []PartInfo{}}
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

// randomCommits makes n commit records over a few sources, with the same
// times now and then (the ID breaks the tie), pending records, sources
// that need escaping, and entries of older versions and rules.
func randomCommits(r *rand.Rand, n int) []*Commit {
	sources := []string{"a.txt", "b.txt", "报告/一.txt", `q"uote.txt`, `back\slash.txt`, "", "z.jsonl", "a.txt\n"}
	t0 := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	var commits []*Commit
	for i := range n {
		id := fmt.Sprintf("%s-20261127T000000.000000000-%05d", []string{"all", "s1of2", "s2of2"}[r.IntN(3)], r.IntN(50))
		c := &Commit{ID: id, Time: t0.Add(time.Duration(r.IntN(4)) * time.Second), Version: "v",
			RulesHash: "h", Pending: r.IntN(5) == 0, Inputs: map[string]InputEntry{},
			Parts: []PartInfo{{Table: "documents", Path: fmt.Sprintf("documents/part-%d.parquet", i), Rows: int64(i)}}}
		for _, src := range sources {
			if r.IntN(2) == 0 {
				continue
			}
			e := InputEntry{SHA256: fmt.Sprint(r.IntN(3)), Version: "v", RulesHash: []string{"h", "old"}[r.IntN(2)],
				Commit: id, Documents: r.IntN(3), Errors: r.IntN(2)}
			c.Inputs[src] = e
		}
		commits = append(commits, c)
	}
	// Distinct IDs: a folder holds one record a commit.
	slices.SortFunc(commits, func(a, b *Commit) int { return cmpString(a.ID, b.ID) })
	commits = slices.CompactFunc(commits, func(a, b *Commit) bool { return a.ID == b.ID })
	return commits
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestManifestMatchesMerge checks the streamed manifest and the done
// index against the in-memory merge on random datasets.
func TestManifestMatchesMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 200 {
		dir := t.TempDir()
		if err := os.MkdirAll(filepath.Join(dir, commitDir), 0o755); err != nil {
			t.Fatal(err)
		}
		commits := randomCommits(r, r.IntN(7))
		for _, c := range commits {
			head := *c
			head.Inputs = nil
			if err := writeRecord(filepath.Join(dir, commitDir, c.ID+".json"), &head, mapInputs(c.Inputs), nil); err != nil {
				t.Fatal(err)
			}
		}
		sortCommits(commits)
		want := mergeRef(commits)

		heads, err := readHeads(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeManifest(dir, heads, "v", "h"); err != nil {
			t.Fatal(err)
		}
		got, err := ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Inputs, want.Inputs) {
			t.Fatalf("dataset %d: inputs\ngot  %v\nwant %v", iter, got.Inputs, want.Inputs)
		}
		if !reflect.DeepEqual(got.Parts, want.Parts) {
			t.Fatalf("dataset %d: parts\ngot  %v\nwant %v", iter, got.Parts, want.Parts)
		}
		if !reflect.DeepEqual(got.Superseded, want.Superseded) {
			t.Fatalf("dataset %d: superseded\ngot  %v\nwant %v", iter, got.Superseded, want.Superseded)
		}

		// Open reads the same state into its index (the pending records
		// were not this shard's, so they stay pending).
		ds, err := Open(dir, "3/3", "v", "h")
		if err != nil {
			t.Fatal(err)
		}
		for src, e := range want.Inputs {
			if !ds.Known(src) || ds.Done(src, e.SHA256) != (e.RulesHash == "h") || ds.Done(src, e.SHA256+"x") {
				t.Fatalf("dataset %d: index disagrees on %q %+v", iter, src, e)
			}
		}
		if ds.Known("never.txt") {
			t.Fatalf("dataset %d: an unknown source is known", iter)
		}
	}
}

// TestManifestRewrites checks that commits leave manifest.json behind
// only until Close.
func TestManifestRewrites(t *testing.T) {
	dir := t.TempDir()
	ds, err := Open(dir, "", "test", "h")
	if err != nil {
		t.Fatal(err)
	}
	ds.manifestCost = time.Hour // as if the last rewrite had been slow
	ds.manifestAt = time.Now()
	w, _ := ds.NewWriter()
	w.Write(testBatch())
	if _, err := ds.Commit(w, map[string]InputEntry{"a.txt": {SHA256: "00"}}); err != nil {
		t.Fatal(err)
	}
	if m, _ := ReadManifest(dir); len(m.Inputs) != 0 {
		t.Fatalf("manifest rewritten %v after a slow one", m.Inputs)
	}
	if err := ds.Close(); err != nil {
		t.Fatal(err)
	}
	if m, _ := ReadManifest(dir); m.Inputs["a.txt"].SHA256 != "00" {
		t.Fatalf("after Close: got %+v", m.Inputs)
	}
}

// FuzzWithoutInputs checks that a record read by withoutInputs decodes
// to the record with inputs null, whatever the JSON, or is left as it is
// (a key spelled with escapes, say), which decodes whole.
func FuzzWithoutInputs(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","inputs":{"x.txt":{"sha256":"00"}},"parts":[]}`,
		"{\n  \"id\": \"inputs\",\n  \"inputs\": {},\n  \"replaces\": [\"inputs\"]\n}",
		`{"inputs":null}`, `{"inputs" : "a\"}"}`, `{"a":{"inputs":1},"inputs":[1,{"b":"]"}]}`,
		`{"inputs":1,"inputs":2}`, `[{"inputs":1}]`, `"inputs"`, `{"in\u0070uts":3}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var want any
		if json.Unmarshal(data, &want) != nil {
			return
		}
		out := withoutInputs(data)
		if bytes.Equal(out, data) {
			return
		}
		var got any
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("%q → %q: %v", data, out, err)
		}
		if obj, ok := want.(map[string]any); ok {
			if _, ok := obj["inputs"]; ok {
				obj["inputs"] = nil
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q → %q: got %v; want %v", data, out, got, want)
		}
	})
}

func TestWithoutInputs(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"id":"a","inputs":{"x.txt":{"sha256":"0}0"}},"parts":[]}`, `{"id":"a","inputs":null,"parts":[]}`},
		{"{\n  \"id\": \"inputs\",\n  \"inputs\": {\n    \"a\": {}\n  },\n  \"replaces\": [\"inputs\"]\n}",
			"{\n  \"id\": \"inputs\",\n  \"inputs\": null,\n  \"replaces\": [\"inputs\"]\n}"},
		{`{"a":{"inputs":1},"inputs" : [1,{"b":"]"}]}`, `{"a":{"inputs":1},"inputs" : null}`},
		{`{"inputs":1,"inputs":"\"2"}`, `{"inputs":null,"inputs":null}`},
		{`{"id":"a"}`, `{"id":"a"}`},
		{`{"inputs":{"a":`, `{"inputs":{"a":`}, // cut short: left for json to reject
	} {
		if got := string(withoutInputs([]byte(c.in))); got != c.want {
			t.Errorf("withoutInputs(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// benchDataset writes the records of a dataset of 100,000 inputs in four
// commits, as a large run leaves them.
func benchDataset(b *testing.B) (dir string, inputs int) {
	dir = b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, commitDir), 0o755); err != nil {
		b.Fatal(err)
	}
	const commits, each = 4, 25_000
	for c := range commits {
		id := fmt.Sprintf("all-20261127T000000.000000000-%05d", c+1)
		in := make(map[string]InputEntry, each)
		for i := range each {
			in[fmt.Sprintf("corpus/%02d/report-%06d.txt", i%100, c*each+i)] = InputEntry{
				SHA256: fmt.Sprintf("%064x", c*each+i), Version: "v", RulesHash: fmt.Sprintf("%064x", 7),
				Commit: id, Documents: 1}
		}
		head := &Commit{ID: id, Time: time.Date(2026, 11, 27, 0, 0, c, 0, time.UTC), Version: "v", RulesHash: "h",
			Parts: []PartInfo{{Table: "documents", Path: "documents/part-" + id + ".parquet", Rows: each}}}
		if err := writeRecord(filepath.Join(dir, commitDir, id+".json"), head, mapInputs(in), nil); err != nil {
			b.Fatal(err)
		}
	}
	return dir, commits * each
}

// BenchmarkOpen is what opening a dataset costs a run: reading every
// commit record into the index of done inputs.
func BenchmarkOpen(b *testing.B) {
	dir, inputs := benchDataset(b)
	for b.Loop() {
		if _, err := Open(dir, "", "v", "h"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*inputs), "ns/input")
}

// BenchmarkWriteManifest is one rewrite of manifest.json.
func BenchmarkWriteManifest(b *testing.B) {
	dir, inputs := benchDataset(b)
	for b.Loop() {
		heads, err := readHeads(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := writeManifest(dir, heads, "v", "h"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*inputs), "ns/input")
}

// TestRewriteHead checks that rewriting a pending record's head gives the
// bytes writeRecord gives for the complete record, and that a record that
// does not begin as expected is left alone.
func TestRewriteHead(t *testing.T) {
	dir := t.TempDir()
	inputs := map[string]InputEntry{
		`a "quoted" <source>.txt`: {SHA256: "aa", Documents: 2, Commit: "c1"},
		"b.jsonl":                 {SHA256: "bb", Documents: 5, Errors: 1, Commit: "c1"},
	}
	final := Commit{ID: "c1", Time: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Version: "v", RulesHash: "r",
		Parts: []PartInfo{{Path: "documents/part-1-w0.parquet", Table: "documents", Rows: 7}}, Replaces: []string{"c0"}}
	pending := final
	pending.Pending = true

	want := filepath.Join(dir, "want.json")
	if err := writeRecord(want, &final, mapInputs(inputs), nil); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, "c1.json")
	if err := writeRecord(name, &pending, mapInputs(inputs), nil); err != nil {
		t.Fatal(err)
	}
	done, err := rewriteHead(name, &pending, &final)
	if err != nil || !done {
		t.Fatalf("rewriteHead: %v, %v; want true, nil", done, err)
	}
	got, _ := os.ReadFile(name)
	if w, _ := os.ReadFile(want); !bytes.Equal(got, w) {
		t.Errorf("rewritten record:\n%s\nwant:\n%s", got, w)
	}

	other := pending
	other.ID = "c2"
	if done, err := rewriteHead(name, &other, &final); done || err != nil {
		t.Errorf("a record that begins otherwise: got %v, %v; want false, nil", done, err)
	}
	if after, _ := os.ReadFile(name); !bytes.Equal(after, got) {
		t.Error("a record that begins otherwise was changed")
	}
	if done, err := rewriteHead(filepath.Join(dir, "none.json"), &pending, &final); done || err != nil {
		t.Errorf("a missing record: got %v, %v; want false, nil", done, err)
	}
}
