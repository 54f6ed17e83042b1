package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/baogao/baogao/corpus"
)

// TestRunBadInputs checks that inputs that vanish after they were found,
// cannot be read, or hold one 50 MB line each become one row of the
// errors table naming the file, while the good input is processed.
func TestRunBadInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	seg, pipe, hash := testEngine(t)
	in := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", "2019年全区实现利润36.83亿元，同比增长15%。\n")
	long := write("oneline.txt", strings.Repeat("全区实现利润36.83亿元，", 50<<20/len("全区实现利润36.83亿元，")))
	vanished := write("vanished.txt", "全区新增企业5家。\n")
	unreadable := filepath.Join(in, "folder.txt")
	if err := os.Mkdir(unreadable, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs, _, errs := corpus.Find([]string{good, long, vanished})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	inputs = append(inputs, corpus.Input{Path: unreadable, Format: "txt", Size: 4096})
	if err := os.Remove(vanished); err != nil {
		t.Fatal(err)
	}

	var reported []string
	out := t.TempDir()
	sum, err := Run(context.Background(), Job{
		Inputs: inputs, Out: out, Workers: 2, Segmenter: seg, Pipeline: pipe,
		RulesHash: hash, Version: "test",
		OnError: func(e *corpus.InputError) { reported = append(reported, e.Error()) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 1 || sum.Quantities < 2 || sum.Errors != 3 {
		t.Errorf("summary: %d documents, %d quantities, %d errors; want 1, ≥2, 3", sum.Documents, sum.Quantities, sum.Errors)
	}
	rows := readTable[ErrorRow](t, out, "errors")
	bySource := map[string]ErrorRow{}
	for _, r := range rows {
		bySource[r.Source] = r
	}
	for _, want := range []struct{ path, says string }{
		{long, "runs over"},
		{vanished, "no such file"},
		{unreadable, "is a directory"},
	} {
		r, ok := bySource[want.path]
		if !ok {
			t.Errorf("no errors row for %s; rows: %+v", want.path, rows)
			continue
		}
		if !strings.Contains(r.Message, want.says) {
			t.Errorf("%s: message %q does not say %q", want.path, r.Message, want.says)
		}
	}
	if len(reported) != 3 {
		t.Errorf("reported %d errors; want 3: %q", len(reported), reported)
	}
	for _, msg := range reported {
		if !strings.Contains(msg, in) {
			t.Errorf("message %q does not name the file", msg)
		}
	}
}

// TestRunRecoversPanics checks that a panic while processing a document
// becomes an errors row for that document, and the run goes on to the
// next input and commits. A nil segmenter makes every document panic in
// segmentation.
func TestRunRecoversPanics(t *testing.T) {
	_, pipe, hash := testEngine(t)
	in := t.TempDir()
	var paths []string
	for _, name := range []string{"a.txt", "b.txt"} {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte("全区新增企业5家。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	inputs, _, errs := corpus.Find(paths)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := t.TempDir()
	sum, err := Run(context.Background(), Job{Inputs: inputs, Out: out, Workers: 1, Pipeline: pipe, RulesHash: hash, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Errors != 2 || sum.Commits != 1 {
		t.Errorf("summary: %d errors, %d commits; want 2, 1", sum.Errors, sum.Commits)
	}
	rows := readTable[ErrorRow](t, out, "errors")
	if len(rows) != 2 {
		t.Fatalf("got %d errors rows; want 2", len(rows))
	}
	for i, r := range rows {
		if r.Source != paths[i] || r.Stage != "segment" || !strings.HasPrefix(r.Message, "panic: ") || r.DocID == nil {
			t.Errorf("row %d: %s %s %v %.40q", i, r.Source, r.Stage, r.DocID, r.Message)
		}
	}
}

// TestRunStop checks that a run told to stop commits every input it has
// begun, whole, and nothing else, and that the same job run again does
// the rest: together the two runs give each input's documents once.
func TestRunStop(t *testing.T) {
	seg, pipe, hash := testEngine(t)
	in := t.TempDir()
	const files, linesEach = 40, 3
	var paths []string
	for i := range files {
		var name, text string
		if i%2 == 0 {
			name, text = fmt.Sprintf("r%02d.txt", i), fmt.Sprintf("全区新增企业%d家。\n", 100+i)
		} else {
			name = fmt.Sprintf("r%02d.jsonl", i)
			for l := range linesEach {
				text += fmt.Sprintf(`{"id":"%d-%d","text":"全区新增企业%d家。"}`+"\n", i, l, 100+i)
			}
		}
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	inputs, _, errs := corpus.Find(paths)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := t.TempDir()
	stop := make(chan struct{})
	var once sync.Once
	job := Job{
		Inputs: inputs, Out: out, Workers: 2, Segmenter: seg, Pipeline: pipe,
		RulesHash: hash, Version: "test", Stop: stop,
		Progress: func(p Progress) {
			if p.Inputs == 5 {
				once.Do(func() { close(stop) })
			}
		},
	}
	first, err := Run(context.Background(), job)
	if !errors.Is(err, ErrStopped) {
		t.Fatalf("stopped run: got error %v; want ErrStopped", err)
	}
	if first.Left == 0 || first.Left >= files {
		t.Fatalf("stopped run left %d of %d inputs; want some, not all", first.Left, files)
	}
	perSource := func() map[string]int {
		n := map[string]int{}
		for _, r := range readTable[DocumentRow](t, out, "documents") {
			n[r.Source]++
		}
		return n
	}
	wantDocs := func(p string) int {
		if strings.HasSuffix(p, ".jsonl") {
			return linesEach
		}
		return 1
	}
	got := perSource()
	if len(got) != files-first.Left {
		t.Errorf("after the stop: %d inputs have documents; want %d begun", len(got), files-first.Left)
	}
	for src, n := range got {
		if n != wantDocs(src) {
			t.Errorf("after the stop: %s has %d documents; want %d", src, n, wantDocs(src))
		}
	}

	job.Stop, job.Progress = nil, nil
	second, err := Run(context.Background(), job)
	if err != nil {
		t.Fatal(err)
	}
	if second.UpToDate != files-first.Left || second.Left != 0 {
		t.Errorf("second run: %d up to date, %d left; want %d, 0", second.UpToDate, second.Left, files-first.Left)
	}
	got = perSource()
	for _, p := range paths {
		if got[p] != wantDocs(p) {
			t.Errorf("after both runs: %s has %d documents; want %d", p, got[p], wantDocs(p))
		}
	}
}
