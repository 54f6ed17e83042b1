package output

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// plainSources are input names that JSON quotes as they are, which the
// line reader reads; oddSources are others, which it leaves to
// encoding/json.
var (
	plainSources = []string{"corpus/00/report-000001.txt", "报告/北碚区 2019 年.txt", "", "with space.txt"}
	oddSources   = []string{
		`a "quoted" \ path.txt`,
		"<b> & </b>.html",
		"tab\there.txt",
		"line\u2028sep\u2029.txt",
		"bad \xff utf8.txt",
	}
)

// TestAppendInputLine checks that an input line is the bytes
// encoding/json gives for its source and entry.
func TestAppendInputLine(t *testing.T) {
	for _, src := range append(plainSources, oddSources...) {
		e := InputEntry{SHA256: "ab" + src, Version: "0.1.0-dev", RulesHash: "7f", Commit: "all-1", Documents: 12, Errors: 3}
		key, _ := json.Marshal(src)
		val, _ := json.Marshal(e)
		want := string(key) + ": " + string(val)
		if got := string(appendInputLine(nil, inputRow{src, e})); got != want {
			t.Errorf("appendInputLine(%q):\n got %s\nwant %s", src, got, want)
		}
	}
}

// readBoth reads a record file with readRecord and with encoding/json
// alone.
func readBoth(t testing.TB, name string) (fast, slow recordRead) {
	t.Helper()
	fast.read(readRecord, name)
	slow.read(func(name string, each func(inputRow) error) (*Commit, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readRecordJSON(f, name, each)
	}, name)
	return fast, slow
}

// recordRead is what reading a record gave.
type recordRead struct {
	head   *Commit
	inputs []inputRow
	failed bool
}

func (r *recordRead) read(read func(string, func(inputRow) error) (*Commit, error), name string) {
	c, err := read(name, func(in inputRow) error {
		r.inputs = append(r.inputs, in)
		return nil
	})
	r.head, r.failed = c, err != nil
	if c != nil {
		c.file = ""
	}
}

func (r recordRead) same(o recordRead) bool {
	if r.failed || o.failed {
		return r.failed == o.failed
	}
	return reflect.DeepEqual(r, o)
}

// TestReadRecordLines checks that records read line by line give what
// encoding/json gives: those this package writes, and others, which the
// line reader hands over to encoding/json part of the way through.
func TestReadRecordLines(t *testing.T) {
	dir := t.TempDir()
	inputs, odd := map[string]InputEntry{}, map[string]InputEntry{}
	for i, src := range plainSources {
		inputs[src] = InputEntry{SHA256: "aa", Version: "v", RulesHash: "r", Commit: "c1", Documents: i, Errors: i % 2}
		odd[src] = inputs[src]
	}
	for _, src := range oddSources {
		odd[src] = InputEntry{SHA256: "aa", Version: "v", RulesHash: "r", Commit: "c1"}
	}
	head := &Commit{ID: "c1", Time: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC), Version: "v", RulesHash: "r",
		Parts: []PartInfo{{Table: "documents", Path: "documents/part-1.parquet", Rows: 7}}, Replaces: []string{"c0"}}
	written := filepath.Join(dir, "written.json")
	if err := writeRecord(written, head, mapInputs(inputs), nil); err != nil {
		t.Fatal(err)
	}
	record, _ := os.ReadFile(written)
	oddName := filepath.Join(dir, "odd.json")
	if err := writeRecord(oddName, head, mapInputs(odd), nil); err != nil {
		t.Fatal(err)
	}
	oddRecord, _ := os.ReadFile(oddName)
	empty := filepath.Join(dir, "empty.json")
	if err := writeRecord(empty, head, mapInputs(nil), nil); err != nil {
		t.Fatal(err)
	}
	emptyRecord, _ := os.ReadFile(empty)
	compact := &bytes.Buffer{}
	json.Compact(compact, record)
	// line is an input line as writeInputs writes it, before the last
	// (with a comma) or the last.
	line := func(src string, last bool) string {
		l := `    "` + src + `": {"sha256":"bb","version":"v","rules_hash":"r","commit":"c1","documents":1,"errors":0}`
		if !last {
			l += ","
		}
		return l + "\n"
	}
	inputsOf := func(lines ...string) string { return "  \"inputs\": {\n" + strings.Join(lines, "") + "  }" }
	for _, c := range []struct {
		name, text string
		lines      int  // inputs the line reader gives before encoding/json goes on
		bad        bool // encoding/json rejects the file
	}{
		{"as written", string(record), len(inputs), false},
		{"odd sources", string(oddRecord), 1, false}, // "", then "<b> & </b>.html"
		{"no inputs", string(emptyRecord), 0, false},
		{"compact", compact.String(), 0, false},
		{"crlf", strings.ReplaceAll(string(record), "\n", "\r\n"), 0, false},
		{"fields reordered", strings.Replace(string(record), `{"sha256":"aa","version":"v"`, `{"version":"v","sha256":"aa"`, 1), 0, false},
		{"a field more", "{\n  \"id\": \"c1\",\n" + inputsOf(line("b.txt", false),
			`    "c.txt": {"sha256":"cc","version":"v","rules_hash":"r","commit":"c1","documents":1,"errors":0,"x":1}`+"\n") + "\n}\n", 1, false},
		{"a leading zero", "{\n" + inputsOf(line("b.txt", false),
			`    "c.txt": {"sha256":"cc","version":"v","rules_hash":"r","commit":"c1","documents":01,"errors":0}`+"\n") + "\n}\n", 1, true},
		{"inputs in a field's value", "{\n  \"x\": {\n" + inputsOf(line("a.txt", true)) + "},\n" + inputsOf(line("b.txt", true)) + "\n}\n", 1, false},
		{"inputs twice", "{\n" + inputsOf(line("a.txt", true)) + ",\n" + inputsOf(line("b.txt", true)) + "\n}\n", 1, false},
		{"cut short", string(record[:bytes.Index(record, []byte(`"with space`))+5]), 2, true},
		{"broken tail", string(record[:len(record)-3]), len(inputs), true},
		{"not an object", "[1, 2]\n", 0, true},
		{"a line longer than the reader's buffer", "{\n" + inputsOf(line("a.txt", false), line(strings.Repeat("b", 70_000), false), line("c.txt", true)) + "\n}\n", 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			name := filepath.Join(dir, "record.json")
			if err := os.WriteFile(name, []byte(c.text), 0o644); err != nil {
				t.Fatal(err)
			}
			fast, slow := readBoth(t, name)
			if !fast.same(slow) {
				t.Errorf("line reader: %d inputs, failed %v\nencoding/json: %d inputs, failed %v", len(fast.inputs), fast.failed, len(slow.inputs), slow.failed)
			}
			if slow.failed != c.bad {
				t.Errorf("encoding/json failed %v; want %v", slow.failed, c.bad)
			}
			f, _ := os.Open(name)
			defer f.Close()
			_, n, _ := readRecordLines(f, name, func(inputRow) error { return nil })
			if n != c.lines {
				t.Errorf("the line reader gave %d inputs; want %d", n, c.lines)
			}
		})
	}
}

// FuzzReadRecord checks that readRecord, line by line where it can, gives
// what encoding/json gives for any file.
func FuzzReadRecord(f *testing.F) {
	dir := f.TempDir()
	inputs := map[string]InputEntry{}
	for i, src := range append(plainSources, oddSources[:2]...) {
		inputs[src] = InputEntry{SHA256: "aa", Version: "v", RulesHash: "r", Commit: "c1", Documents: i}
	}
	name := filepath.Join(dir, "seed.json")
	if err := writeRecord(name, &Commit{ID: "c1", Parts: []PartInfo{}}, mapInputs(inputs), nil); err != nil {
		f.Fatal(err)
	}
	seed, _ := os.ReadFile(name)
	f.Add(seed)
	f.Add(seed[:len(seed)-40])
	f.Add([]byte("{\n  \"inputs\": {},\n  \"id\": \"x\"\n}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		name := filepath.Join(t.TempDir(), "record.json")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		fast, slow := readBoth(t, name)
		if !fast.same(slow) {
			t.Errorf("line reader: %d inputs, failed %v\nencoding/json: %d inputs, failed %v", len(fast.inputs), fast.failed, len(slow.inputs), slow.failed)
		}
	})
}
