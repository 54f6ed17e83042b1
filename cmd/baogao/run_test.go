package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/output"
)

var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

// TestMain removes the binary baogaoBinary built, so that test runs do not
// leave 30 MB in the temporary folder each time.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// baogaoBinary builds the command once for the tests that must run it as
// a real process (to kill it).
func baogaoBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "baogao-bin-")
		if err != nil {
			binErr = err
			return
		}
		binDir = dir
		binPath = filepath.Join(dir, "baogao")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// writeCorpus writes n reports of about 12 KB, each the sample with its
// paragraphs rotated and a figure of its own.
func writeCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	paras := strings.Split(corpus.SampleText(), "\n\n")
	for i := range n {
		var b strings.Builder
		for j := range paras {
			b.WriteString(paras[(i+j)%len(paras)])
			b.WriteString("\n\n")
		}
		fmt.Fprintf(&b, "全区新增企业%d家。\n", 100+i)
		name := filepath.Join(dir, fmt.Sprintf("r%03d.txt", i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readDocIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, r := range readTable[output.DocumentRow](t, out, "documents") {
		ids = append(ids, r.DocID)
	}
	return ids
}

// killAfterFirstCommit kills the run cmd with SIGKILL once its first
// commit is visible in out, plus settle, so that it dies mid-way.
func killAfterFirstCommit(t *testing.T, cmd *exec.Cmd, out string, settle time.Duration) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(out, "documents", "*.parquet")); len(m) > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(settle)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

func TestKilledRunRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a real process")
	}
	bin := baogaoBinary(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	const n = 400
	writeCorpus(t, in, n)

	// Commit after every MB so some commits land before the kill.
	cmd := exec.Command(bin, "run", in, "-o", out, "--commit-mb", "1", "--workers", "2", "-q")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once the first commit is visible, mid-way through the corpus.
	killAfterFirstCommit(t, cmd, out, 200*time.Millisecond)

	// What the killed run left is readable, with no duplicates, and
	// short of the whole corpus.
	before := readDocIDs(t, out)
	assertUnique(t, before)
	if len(before) >= n {
		t.Skipf("the run finished (%d documents) before it could be killed", len(before))
	}
	t.Logf("killed with %d of %d documents committed", len(before), n)

	res := exec.Command(bin, "run", in, "-o", out, "-q")
	var stderr bytes.Buffer
	res.Stderr = &stderr
	if err := res.Run(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, stderr.String())
	}
	after := readDocIDs(t, out)
	assertUnique(t, after)
	if len(after) != n {
		t.Errorf("after the rerun: got %d documents; want %d", len(after), n)
	}
	hidden, _ := filepath.Glob(filepath.Join(out, "*", ".*"))
	if len(hidden) != 0 {
		t.Errorf("hidden files left after the rerun: %v", hidden)
	}
}

// TestInterruptedRunCommits checks that an interrupted run, whose only
// commit would have come at its end, commits the inputs it has begun
// before it exits, and that a rerun does the rest without duplicates.
func TestInterruptedRunCommits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and interrupts a real process")
	}
	bin := baogaoBinary(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	const n = 1000
	writeCorpus(t, in, n)

	cmd := exec.Command(bin, "run", in, "-o", out, "--workers", "2", "-q")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt it once its workers write, long before its one commit.
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(out, "documents", ".part-*.tmp")); len(m) > 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitFailed {
		t.Fatalf("interrupted run: exit code %d; want %d\n%s", code, exitFailed, stderr.String())
	}
	if !strings.Contains(stderr.String(), "stopped with") {
		t.Errorf("interrupted run: stderr does not say it stopped:\n%s", stderr.String())
	}
	before := readDocIDs(t, out)
	assertUnique(t, before)
	if len(before) == 0 || len(before) >= n {
		t.Fatalf("interrupted run committed %d of %d documents; want some, not all", len(before), n)
	}
	t.Logf("interrupted with %d of %d documents committed", len(before), n)

	res := exec.Command(bin, "run", in, "-o", out, "-q")
	stderr.Reset()
	res.Stderr = &stderr
	if err := res.Run(); err != nil {
		t.Fatalf("rerun: %v\n%s", err, stderr.String())
	}
	after := readDocIDs(t, out)
	assertUnique(t, after)
	if len(after) != n {
		t.Errorf("after the rerun: got %d documents; want %d", len(after), n)
	}
}

func assertUnique(t *testing.T, ids []string) {
	t.Helper()
	for i := 1; i < len(ids); i++ {
		if ids[i] == ids[i-1] {
			t.Fatalf("duplicate document %s", ids[i])
		}
	}
}

// execRun runs the command in-process and returns its output and exit code.
func execRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	code = runWith(args, &o, &e)
	return o.String(), e.String(), code
}

func readQuantities(t *testing.T, out string) []output.QuantityRow {
	t.Helper()
	return readTable[output.QuantityRow](t, out, "quantities")
}

func quantityKeys(rows []output.QuantityRow) []string {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = fmt.Sprintf("%s|%d|%d|%s|%g|%s|%s", r.DocID, r.Start, r.End, r.Text, r.Value, r.Unit, r.Rule)
	}
	return keys
}

func TestRunIncrementalShardsAndWorkers(t *testing.T) {
	in := t.TempDir()
	writeCorpus(t, in, 12)
	base := t.TempDir()

	one := filepath.Join(base, "one")
	if _, e, code := execRun(t, "run", in, "-o", one, "-q", "--workers", "1"); code != 0 {
		t.Fatalf("run: exit %d\n%s", code, e)
	}
	want := quantityKeys(readQuantities(t, one))
	if len(want) == 0 {
		t.Fatal("no quantities")
	}

	t.Run("workers do not change the output", func(t *testing.T) {
		two := filepath.Join(base, "two")
		if _, e, code := execRun(t, "run", in, "-o", two, "-q", "--workers", "2"); code != 0 {
			t.Fatalf("exit %d\n%s", code, e)
		}
		// Each worker writes parts of its own, so the rows are the same
		// but their order across parts depends on which worker took which
		// document.
		got := quantityKeys(readQuantities(t, two))
		if strings.Join(slices.Sorted(slices.Values(got)), "\n") != strings.Join(slices.Sorted(slices.Values(want)), "\n") {
			t.Errorf("--workers 2 gave other rows than --workers 1")
		}
	})

	t.Run("a second run writes nothing", func(t *testing.T) {
		before, _ := filepath.Glob(filepath.Join(one, "*", "*.parquet"))
		o, e, code := execRun(t, "run", in, "-o", one)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, e)
		}
		if !strings.Contains(o, "nothing to do") {
			t.Errorf("second run said %q; want it to say nothing to do", o)
		}
		after, _ := filepath.Glob(filepath.Join(one, "*", "*.parquet"))
		if len(after) != len(before) {
			t.Errorf("second run wrote parts: %d before, %d after", len(before), len(after))
		}
	})

	t.Run("shards 1/2 and 2/2 equal one run", func(t *testing.T) {
		sharded := filepath.Join(base, "sharded")
		for _, s := range []string{"1/2", "2/2"} {
			if _, e, code := execRun(t, "run", in, "-o", sharded, "-q", "--shard", s); code != 0 {
				t.Fatalf("shard %s: exit %d\n%s", s, code, e)
			}
		}
		got := quantityKeys(readQuantities(t, sharded))
		sort.Strings(got)
		w := append([]string(nil), want...)
		sort.Strings(w)
		if strings.Join(got, "\n") != strings.Join(w, "\n") {
			t.Errorf("shards gave %d rows; one run %d", len(got), len(w))
		}
	})

	t.Run("a changed file is reprocessed and compact drops its old rows", func(t *testing.T) {
		changed := filepath.Join(in, "r003.txt")
		if err := os.WriteFile(changed, []byte("2019年，全区实现利润777亿元。\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, e, code := execRun(t, "run", in, "-o", one, "-q"); code != 0 {
			t.Fatalf("exit %d\n%s", code, e)
		}
		m, err := output.ReadManifest(one)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Superseded) != 1 || m.Superseded[0].Source != changed {
			t.Fatalf("superseded: got %+v; want %s", m.Superseded, changed)
		}
		if _, e, code := execRun(t, "compact", "-o", one); code != 0 {
			t.Fatalf("compact: exit %d\n%s", code, e)
		}
		ids := readDocIDs(t, one)
		assertUnique(t, ids)
		if len(ids) != 12 {
			t.Errorf("after compact: got %d documents; want 12", len(ids))
		}
		var n777 int
		for _, q := range readQuantities(t, one) {
			if q.DocID == changed && q.Value != 777e8 {
				t.Errorf("a row of the old %s survived compaction: %+v", changed, q)
			}
			if q.Value == 777e8 {
				n777++
			}
		}
		if n777 != 1 {
			t.Errorf("the changed file's figure: got %d rows; want 1", n777)
		}
		if files, _ := filepath.Glob(filepath.Join(one, "quantities", "*.parquet")); len(files) != 1 {
			t.Errorf("after compact: got %d quantity parts; want 1", len(files))
		}
	})
}
