package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// result is one item of a Read sequence, for comparing in tables.
type result struct {
	id   string // document ID, or "" for an error
	line int    // the error's line
	err  error  // the sentinel the error wraps
}

func collect(t *testing.T, seq func(func(*Document, error) bool)) []result {
	t.Helper()
	var out []result
	for d, err := range seq {
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got error %T %v; want *InputError", err, err)
			}
			out = append(out, result{line: ie.Line, err: ie.Err})
			continue
		}
		out = append(out, result{id: d.ID})
	}
	return out
}

func sameResults(t *testing.T, got, want []result) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d results %v; want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.id != w.id || g.line != w.line || (w.err != nil) != (g.err != nil) || w.err != nil && !errors.Is(g.err, w.err) {
			t.Errorf("result %d: got %+v; want %+v", i, g, w)
		}
	}
}

func TestJSONLOneBrokenLine(t *testing.T) {
	in := Input{Path: "testdata/inputs/broken.jsonl", Format: "jsonl"}
	p := in.Path
	sameResults(t, collect(t, Read(in)), []result{
		{id: p + "#a1"},
		{id: p + "#a2"},
		{line: 3, err: ErrJSON},
		{id: p + "#a4"},
	})
}

func TestJSONLLines(t *testing.T) {
	const p = "testdata/inputs/mixed.jsonl"
	sameResults(t, collect(t, Read(Input{Path: p, Format: "jsonl"})), []result{
		{id: p + "#1"},
		{id: p + "#b-2"},
		{line: 3, err: ErrJSON},  // unterminated object
		{id: p + "#L5"},          // line 4 is blank; no id; CRLF ending
		{line: 6, err: ErrJSON},  // no text
		{line: 7, err: ErrEmpty}, // blank text
		{line: 8, err: ErrJSON},  // id is an array
		{id: p + "#8"},           // no final line break
	})
}

// TestJSONLinesThenReadJSONLine checks that the two halves of reading
// JSONL, apart, give what Read gives.
func TestJSONLinesThenReadJSONLine(t *testing.T) {
	for _, p := range []string{"testdata/inputs/mixed.jsonl", "testdata/inputs/broken.jsonl"} {
		in := Input{Path: p, Format: "jsonl"}
		apart := func(yield func(*Document, error) bool) {
			for line, err := range JSONLines(in) {
				var d *Document
				if err == nil {
					d, err = ReadJSONLine(p, line)
				}
				if !yield(d, err) {
					return
				}
			}
		}
		str := func(rs []result) string {
			var b strings.Builder
			for _, r := range rs {
				fmt.Fprintf(&b, "%s line %d: %v\n", r.id, r.line, r.err)
			}
			return b.String()
		}
		if got, want := str(collect(t, apart)), str(collect(t, Read(in))); got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", p, got, want)
		}
	}
	_, err := ReadJSONLine("x.jsonl", Line{No: 4, Bytes: []byte(`{"text": 1}`)})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Line != 4 || !errors.Is(err, ErrJSON) {
		t.Errorf("ReadJSONLine of a broken line: got %v; want an InputError of line 4 wrapping ErrJSON", err)
	}
}

func TestJSONLFields(t *testing.T) {
	line := `{"id": 17, "text": "全年增长5.8%。", "title": " 公报 ", "published": "2026年2月3日", "source": "https://example.invalid/a", "extra": {"x": 1}}`
	d := readOne(t, "c.jsonl", "jsonl", []byte("\uFEFF"+line+"\n"))
	want := Document{ID: "c.jsonl#17", Source: "c.jsonl", Format: "jsonl", Title: "公报", Published: "2026-02-03",
		Origin: "https://example.invalid/a", Raw: "全年增长5.8%。"}
	want.SHA256 = sha256Hex(line)
	if d.ID != want.ID || d.Source != want.Source || d.Format != want.Format || d.Title != want.Title ||
		d.Published != want.Published || d.Origin != want.Origin || d.Raw != want.Raw || d.SHA256 != want.SHA256 {
		t.Errorf("got %+v; want %+v", *d, want)
	}
}

// bigLine yields a JSONL line of n bytes of text, then a good line, without
// holding either in memory.
type bigLine struct {
	n, pos int
}

func (r *bigLine) Read(p []byte) (int, error) {
	head, tail := `{"text": "`, "\"}\n{\"text\": \"好。\"}\n"
	n := 0
	for n < len(p) {
		var src string
		switch pos := r.pos; {
		case pos < len(head):
			src = head[pos:]
		case pos < len(head)+r.n:
			src = strings.Repeat("a", min(len(head)+r.n-pos, 4096))
		case pos < len(head)+r.n+len(tail):
			src = tail[pos-len(head)-r.n:]
		default:
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		k := copy(p[n:], src)
		n += k
		r.pos += k
	}
	return n, nil
}

func TestJSONLTooLong(t *testing.T) {
	var got []result
	readJSONL("big.jsonl", &bigLine{n: MaxJSONLine + 10}, func(d *Document, err error) bool {
		got = append(got, collect(t, func(yield func(*Document, error) bool) { yield(d, err) })...)
		return true
	})
	sameResults(t, got, []result{
		{line: 1, err: ErrTooLong},
		{id: "big.jsonl#L2"},
	})
}

func TestJSONLLongTextLine(t *testing.T) {
	// A line within MaxJSONLine whose text has a line over MaxLine.
	data := `{"text": "` + strings.Repeat("a", MaxLine+1) + `"}` + "\n"
	sameResults(t, collect(t, ReadBytes("long.jsonl", "jsonl", []byte(data))), []result{
		{line: 1, err: ErrTooLong},
	})
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
