package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/output"
)

// mixedDir holds one input of each kind; see its README.md.
const mixedDir = "testdata/mixed"

// The inputs of mixedDir that fail, and the sentinel each error names.
var mixedBad = []struct {
	file string
	line int // the JSONL line, or 0
	err  error
}{
	{"corpus.jsonl", 3, corpus.ErrJSON},
	{"empty.txt", 0, corpus.ErrEmpty},
	{"scan.txt", 0, corpus.ErrBinary},
}

// figure is what the quantities table must say about one figure.
type figure struct {
	text  string
	value float64
	unit  string
}

// bulletin's figures are those of the statistics bulletin that the text
// files and both HTML pages hold.
var bulletin = []figure{
	{"876.5亿元", 876.5e8, "CNY"}, {"6.2%", 6.2, "percent"},
	{"42.3亿元", 42.3e8, "CNY"}, {"3.1%", 3.1, "percent"},
	{"356.8亿元", 356.8e8, "CNY"}, {"7.4%", 7.4, "percent"},
	{"477.4亿元", 477.4e8, "CNY"}, {"5.6%", 5.6, "percent"},
	{"2.1万人", 2.1e4, "人"}, {"5.2%", 5.2, "percent"},
	{"4.6万元", 4.6e4, "CNY"}, {"5.8%", 5.8, "percent"},
	{"2.3万元", 2.3e4, "CNY"}, {"7.0%", 7, "percent"},
}

// mixedFigures are every good document's figures, in text order, by the
// document ID relative to the input folder.
var mixedFigures = map[string][]figure{
	"report.gbk.txt":         bulletin,
	"report.utf16le-bom.txt": bulletin,
	"page.gbk.html":          bulletin,
	"page.html":              bulletin,
	"report-hant.big5.txt":   {{"百分之三點二", 3.2, "percent"}, {"六百二十萬人次", 620e4, "人次"}},
	"corpus.jsonl#q1":        {{"36.83亿元", 36.83e8, "CNY"}, {"15%", 15, "percent"}},
	"corpus.jsonl#q2":        {{"13634户", 13634, "户"}, {"16%", 16, "percent"}},
	"corpus.jsonl#q4":        {{"2.1万人", 2.1e4, "人"}},
}

// copyMixed copies mixedDir's inputs into dir.
func copyMixed(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(mixedDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "README.md" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(mixedDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTable reads every part of one table of the dataset at out.
func readTable[T any](t *testing.T, out, table string) []T {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, table, "*.parquet"))
	sort.Strings(files)
	var all []T
	for _, f := range files {
		rows, err := parquet.ReadFile[T](f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, rows...)
	}
	return all
}

func documentKeys(rows []output.DocumentRow) []string {
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = fmt.Sprintf("%s|%s|%s|%s|%s", r.DocID, r.Source, r.Format, r.SHA256, r.Text)
	}
	sort.Strings(keys)
	return keys
}

func errorKeys(rows []output.ErrorRow) []string {
	keys := make([]string, len(rows))
	for i, r := range rows {
		id := "<nil>"
		if r.DocID != nil {
			id = *r.DocID
		}
		keys[i] = fmt.Sprintf("%s|%s|%s|%s", r.Source, id, r.Stage, r.Message)
	}
	sort.Strings(keys)
	return keys
}

func sortedQuantityKeys(rows []output.QuantityRow) []string {
	keys := quantityKeys(rows)
	sort.Strings(keys)
	return keys
}

// assertNoDuplicates fails on a key that occurs twice in sorted keys.
func assertNoDuplicates(t *testing.T, what string, keys []string) {
	t.Helper()
	for i := 1; i < len(keys); i++ {
		if keys[i] == keys[i-1] {
			t.Errorf("duplicate %s row %s", what, keys[i])
		}
	}
}

func sameKeys(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s: got %d rows; want %d", what, len(got), len(want))
		for _, k := range got {
			if !slices.Contains(want, k) {
				t.Errorf("  extra   %s", k)
			}
		}
		for _, k := range want {
			if !slices.Contains(got, k) {
				t.Errorf("  missing %s", k)
			}
		}
	}
}

// figuresOf returns the figures of one document, in text order.
func figuresOf(rows []output.QuantityRow, docID string) []figure {
	var qs []output.QuantityRow
	for _, q := range rows {
		if q.DocID == docID {
			qs = append(qs, q)
		}
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Start < qs[j].Start })
	out := make([]figure, len(qs))
	for i, q := range qs {
		out[i] = figure{q.Text, q.Value, q.Unit}
	}
	return out
}

func sameFigures(got, want []figure) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.text != w.text || g.unit != w.unit || math.Abs(g.value-w.value) > 1e-9*math.Abs(w.value) {
			return false
		}
	}
	return true
}

// TestMixedFolder runs a folder with one input of each kind — GBK, Big5
// and UTF-16 text, a GBK page and its UTF-8 twin, JSONL with a broken
// line, a binary and an empty file — through the run command: the good
// documents' figures, one error row per bad input, an idle second run,
// shards and a killed run.
func TestMixedFolder(t *testing.T) {
	in := t.TempDir()
	copyMixed(t, in)
	base := t.TempDir()
	one := filepath.Join(base, "one")
	stdout, stderr, code := execRun(t, "run", in, "-o", one, "--workers", "2")
	if code != exitFailed {
		t.Fatalf("run: exit %d; want %d (some inputs failed)\nstdout:\n%s\nstderr:\n%s", code, exitFailed, stdout, stderr)
	}
	for _, want := range []string{"documents   8\n", "errors      3\n", "ignored     1 file(s)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout)
		}
	}
	docs := readTable[output.DocumentRow](t, one, "documents")
	quants := readQuantities(t, one)
	errs := readTable[output.ErrorRow](t, one, "errors")
	docByID := map[string]output.DocumentRow{}
	for _, d := range docs {
		docByID[d.DocID] = d
	}
	id := func(rel string) string { return filepath.Join(in, rel) }

	t.Run("good documents", func(t *testing.T) {
		if len(docs) != len(mixedFigures) {
			t.Errorf("got %d documents; want %d", len(docs), len(mixedFigures))
		}
		for rel := range mixedFigures {
			if _, ok := docByID[id(rel)]; !ok {
				t.Errorf("no document %s", rel)
			}
		}
		if got, want := docByID[id("report.utf16le-bom.txt")].Text, docByID[id("report.gbk.txt")].Text; got != want || !strings.HasPrefix(got, "北碚区2025年国民经济和社会发展统计公报\n") {
			t.Errorf("UTF-16 text %q; want the GBK text %q", got, want)
		}
		if got := docByID[id("report-hant.big5.txt")].Text; !strings.HasPrefix(got, "臺北市政府主計處發布統計資料\n二○二五年臺北市") {
			t.Errorf("Big5 text %q; want it to start with 臺北市政府主計處發布統計資料", got)
		}
		// The blank line after "：" is a paragraph break in JSONL text.
		if got, want := docByID[id("corpus.jsonl#q2")].Text, "主要指标如下：\n全区新增市场主体13634户，增长16%。"; got != want {
			t.Errorf("corpus.jsonl#q2 text %q; want %q", got, want)
		}
		for rel, format := range map[string]string{"report.gbk.txt": "txt", "page.gbk.html": "html", "corpus.jsonl#q1": "jsonl"} {
			src := id(strings.Split(rel, "#")[0])
			if d := docByID[id(rel)]; d.Format != format || d.Source != src {
				t.Errorf("%s: format %q, source %q; want %s, %s", rel, d.Format, d.Source, format, src)
			}
		}
	})

	t.Run("figures", func(t *testing.T) {
		for rel, want := range mixedFigures {
			t.Run(rel, func(t *testing.T) {
				got := figuresOf(quants, id(rel))
				if sameFigures(got, want) {
					return
				}
				t.Errorf("got  %v\nwant %v", got, want)
			})
		}
	})

	t.Run("offsets point into documents.text", func(t *testing.T) {
		for _, q := range quants {
			text := []rune(docByID[q.DocID].Text)
			if q.Start < 0 || q.Start > q.End || q.End > int64(len(text)) {
				t.Errorf("%s: [%d,%d) outside a text of %d code points", q.DocID, q.Start, q.End, len(text))
				continue
			}
			if got := string(text[q.Start:q.End]); got != q.Text {
				t.Errorf("%s: text[%d:%d] is %q; the row says %q", q.DocID, q.Start, q.End, got, q.Text)
			}
		}
	})

	t.Run("the GBK page equals its UTF-8 twin", func(t *testing.T) {
		gbk, utf := docByID[id("page.gbk.html")], docByID[id("page.html")]
		if gbk.Text == "" || gbk.Text != utf.Text {
			t.Errorf("text of the GBK page %q; of the UTF-8 page %q", gbk.Text, utf.Text)
		}
		if !reflect.DeepEqual(gbk.Title, utf.Title) || !reflect.DeepEqual(gbk.Published, utf.Published) {
			t.Errorf("title, published: GBK %v %v; UTF-8 %v %v", gbk.Title, gbk.Published, utf.Title, utf.Published)
		}
		rowsOf := func(docID string) []output.QuantityRow {
			var out []output.QuantityRow
			for _, q := range quants {
				if q.DocID == docID {
					q.DocID = ""
					out = append(out, q)
				}
			}
			sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
			return out
		}
		g, u := rowsOf(id("page.gbk.html")), rowsOf(id("page.html"))
		if len(g) == 0 || len(g) != len(u) {
			t.Fatalf("got %d figures from the GBK page, %d from the UTF-8 page", len(g), len(u))
		}
		for i := range g {
			if !reflect.DeepEqual(g[i], u[i]) {
				t.Errorf("figure %d: GBK %+v; UTF-8 %+v", i, g[i], u[i])
			}
		}
	})

	t.Run("each bad input is one error row", func(t *testing.T) {
		if len(errs) != len(mixedBad) {
			t.Errorf("got %d error rows; want %d:\n%s", len(errs), len(mixedBad), strings.Join(errorKeys(errs), "\n"))
		}
		for _, b := range mixedBad {
			src := id(b.file)
			var rows []output.ErrorRow
			for _, e := range errs {
				if e.Source == src {
					rows = append(rows, e)
				}
			}
			if len(rows) != 1 {
				t.Errorf("%s: got %d error rows; want 1", b.file, len(rows))
				continue
			}
			e := rows[0]
			prefix := src + ": "
			if b.line > 0 {
				prefix = fmt.Sprintf("%s:%d: ", src, b.line)
			}
			if e.Stage != "read" || e.DocID != nil || !strings.HasPrefix(e.Message, prefix) || !strings.Contains(e.Message, b.err.Error()) {
				t.Errorf("%s: got %+v; want stage read, no doc_id, a message starting %q and saying %q", b.file, e, prefix, b.err)
			}
			if !strings.Contains(stderr, "baogao: "+e.Message+"\n") {
				t.Errorf("stderr does not report %q:\n%s", e.Message, stderr)
			}
		}
	})

	t.Run("a second run writes nothing", func(t *testing.T) {
		// An input that failed is recorded like any other and, as README.md
		// says, processed again only when its content, the rules or the
		// version change; so the second run has nothing to do and no input
		// fails in it.
		before, _ := filepath.Glob(filepath.Join(one, "*", "*.parquet"))
		o, e, code := execRun(t, "run", in, "-o", one, "--workers", "2")
		if code != exitOK {
			t.Errorf("exit %d; want %d\n%s", code, exitOK, e)
		}
		if !strings.Contains(o, "nothing to do") {
			t.Errorf("second run said %q; want it to say nothing to do", o)
		}
		after, _ := filepath.Glob(filepath.Join(one, "*", "*.parquet"))
		if !slices.Equal(before, after) {
			t.Errorf("second run changed the parts: %d before, %d after", len(before), len(after))
		}
		m, err := output.ReadManifest(one)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range mixedBad {
			if got := m.Inputs[id(b.file)].Errors; got != 1 {
				t.Errorf("manifest: %s has %d errors; want 1", b.file, got)
			}
		}
	})

	t.Run("shards 1/2 and 2/2 equal one run", func(t *testing.T) {
		sharded := filepath.Join(base, "sharded")
		failed := 0
		for _, s := range []string{"1/2", "2/2"} {
			_, e, code := execRun(t, "run", in, "-o", sharded, "-q", "--shard", s)
			switch code {
			case exitOK:
			case exitFailed:
				failed++
			default:
				t.Fatalf("shard %s: exit %d\n%s", s, code, e)
			}
		}
		if failed == 0 {
			t.Errorf("no shard exited %d, though three inputs fail", exitFailed)
		}
		sameKeys(t, "documents", documentKeys(readTable[output.DocumentRow](t, sharded, "documents")), documentKeys(docs))
		sameKeys(t, "quantities", sortedQuantityKeys(readQuantities(t, sharded)), sortedQuantityKeys(quants))
		sameKeys(t, "errors", errorKeys(readTable[output.ErrorRow](t, sharded, "errors")), errorKeys(errs))
	})

	t.Run("a killed run recovers without duplicates", func(t *testing.T) {
		if testing.Short() {
			t.Skip("builds and kills a real process")
		}
		killedRun(t, one, in)
	})
}

// killedRun kills a run of the mixed folder plus bulk reports once its
// first commit is visible, runs it again, and checks the dataset against
// ref, the complete run of the mixed folder copied to refIn.
func killedRun(t *testing.T, ref, refIn string) {
	bin := baogaoBinary(t)
	in, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	copyMixed(t, in)
	// The bulk sorts after the mixed inputs, so that the first commit
	// holds them, errors and all; the kill lands among the bulk.
	bulk := filepath.Join(in, "zz-bulk")
	if err := os.Mkdir(bulk, 0o755); err != nil {
		t.Fatal(err)
	}
	const n = 200
	writeCorpus(t, bulk, n)
	total := n + len(mixedFigures)

	cmd := exec.Command(bin, "run", in, "-o", out, "--commit-mb", "1", "--workers", "2", "-q")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killAfterFirstCommit(t, cmd, out, 0)

	before := readDocIDs(t, out)
	assertUnique(t, before)
	if len(before) >= total {
		t.Skipf("the run finished (%d documents) before it could be killed", len(before))
	}
	t.Logf("killed with %d of %d documents committed", len(before), total)

	res := exec.Command(bin, "run", in, "-o", out, "-q")
	var stderr bytes.Buffer
	res.Stderr = &stderr
	err := res.Run()
	if code := res.ProcessState.ExitCode(); code != exitOK && code != exitFailed {
		t.Fatalf("rerun: %v\n%s", err, stderr.String())
	}

	after := readDocIDs(t, out)
	assertUnique(t, after)
	if len(after) != total {
		t.Errorf("after the rerun: got %d documents; want %d", len(after), total)
	}
	quants := readQuantities(t, out)
	qkeys := sortedQuantityKeys(quants)
	assertNoDuplicates(t, "quantities", qkeys)
	ekeys := errorKeys(readTable[output.ErrorRow](t, out, "errors"))
	assertNoDuplicates(t, "errors", ekeys)

	// The mixed inputs' rows are those of the complete run, and each
	// report of the bulk has its own figure.
	var mixed []string
	for _, k := range qkeys {
		if !strings.HasPrefix(k, bulk+string(filepath.Separator)) {
			mixed = append(mixed, strings.ReplaceAll(k, in, refIn))
		}
	}
	sameKeys(t, "quantities of the mixed inputs", mixed, sortedQuantityKeys(readQuantities(t, ref)))
	var refErrs []string
	for _, k := range ekeys {
		refErrs = append(refErrs, strings.ReplaceAll(k, in, refIn))
	}
	sameKeys(t, "errors", refErrs, errorKeys(readTable[output.ErrorRow](t, ref, "errors")))
	own := map[string]bool{}
	for _, q := range quants {
		own[fmt.Sprintf("%s|%g|%s", q.DocID, q.Value, q.Unit)] = true
	}
	for i := range n {
		if name := filepath.Join(bulk, fmt.Sprintf("r%03d.txt", i)); !own[fmt.Sprintf("%s|%d|家", name, 100+i)] {
			t.Errorf("%s: its figure %d家 is missing", name, 100+i)
		}
	}
	hidden, _ := filepath.Glob(filepath.Join(out, "*", ".*"))
	if len(hidden) != 0 {
		t.Errorf("hidden files left after the rerun: %v", hidden)
	}
}
