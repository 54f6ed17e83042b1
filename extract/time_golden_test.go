package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baogao/baogao/segment"
)

// textDoc builds a Doc from a testdata text, one paragraph a line.
func textDoc(tb testing.TB, file string) *Doc {
	tb.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.TrimRight(string(b), "\n")
	var paras []segment.Span
	at := 0
	for _, l := range strings.Split(text, "\n") {
		paras = append(paras, segment.Span{Start: at, End: at + len(l)})
		at += len(l) + 1
	}
	seg, err := segment.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return &Doc{Text: text, Sentences: seg.Sentences(text, paras)}
}

// checkGolden compares got with the golden file, or rewrites it with
// -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s: got\n%s\nwant\n%s", golden, got, want)
	}
}

// TestTimesGolden runs the time extractor over report passages of our
// own and compares a readable dump with testdata/times/*.golden.
func TestTimesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "times", "*.txt"))
	x := newTimes(t)
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "beibei") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			d := textDoc(t, f)
			var r Records
			x.Extract(d, &r)
			var b strings.Builder
			for _, tm := range r.Times {
				fmt.Fprintf(&b, "%d\t%d:%d\t%s\t%s\t%s\t%s\n", tm.Sentence, tm.Start, tm.End, tm.Text, tm.Value, tm.Granularity, tm.Rule)
			}
			checkGolden(t, strings.TrimSuffix(f, ".txt")+".golden", b.String())
		})
	}
}

// TestEntitiesGolden is TestTimesGolden for entities.
func TestEntitiesGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	x := newEntities(t)
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "beibei") {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			d := textDoc(t, f)
			var r Records
			x.Extract(d, &r)
			var b strings.Builder
			for _, e := range r.Entities {
				fmt.Fprintf(&b, "%d\t%d:%d\t%s\t%s\t%s\t%s\t%s\n", e.Sentence, e.Start, e.End, e.Text, e.Type, e.Normalized, e.RegionCode, e.Rule)
			}
			checkGolden(t, strings.TrimSuffix(f, ".txt")+".golden", b.String())
		})
	}
}
